// An OpenAI chat request as the body of a Cohere v2 chat (docs/cohere.md,
// docs/mapping.md#unsupported-parameters, docs/mapping.md#stop-sequences,
// docs/mapping.md#other-fields). Every top-level field is mapped, passed, dropped (and reported) or
// rejected with a 400; nothing unknown goes up.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gateway/base/openai_error.hpp"

namespace keygate::cohere {

struct native_body {
  boost::json::object body;
  std::vector<std::string> dropped;  // OpenAI fields left out, as x-keygate-dropped-params names
};

std::variant<native_body, openai_error> build_native_body(const boost::json::object& request,
                                                          std::string_view model);

}  // namespace keygate::cohere
