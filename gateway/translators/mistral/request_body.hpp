// An OpenAI chat request as the body of a Mistral chat completion (docs/mistral.md,
// docs/mapping.md#unsupported-parameters). Every top-level field is mapped, passed, dropped (and
// reported) or rejected with a 400: Mistral answers 422 to any field it does not know, so nothing
// unknown goes up.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gateway/base/openai_error.hpp"

namespace keygate::mistral {

struct native_body {
  boost::json::object body;
  std::vector<std::string> dropped;  // OpenAI fields left out, as x-keygate-dropped-params names
};

std::variant<native_body, openai_error> build_native_body(const boost::json::object& request,
                                                          std::string_view model);

}  // namespace keygate::mistral
