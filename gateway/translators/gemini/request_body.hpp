// An OpenAI chat request as the body of a Gemini generateContent request. Every top-level OpenAI
// field is mapped, dropped (and reported) or rejected with a 400
// (docs/mapping.md#unsupported-parameters, docs/mapping.md#other-fields).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <variant>
#include <vector>

#include "gateway/base/openai_error.hpp"

namespace keygate::gemini {

struct native_body {
  boost::json::object body;
  std::vector<std::string> dropped;  // OpenAI fields left out, in the request's order
};

// `reasoning`: the deployment reasons, so Gemini is asked for its thoughts (includeThoughts).
std::variant<native_body, openai_error> build_native_body(const boost::json::object& request,
                                                          bool reasoning);

}  // namespace keygate::gemini
