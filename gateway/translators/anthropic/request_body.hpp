// An OpenAI chat request as the body of an Anthropic Messages request. Every top-level OpenAI
// field is mapped, dropped (and reported) or rejected with a 400
// (docs/mapping.md#unsupported-parameters, docs/mapping.md#other-fields).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gateway/base/openai_error.hpp"

namespace keygate::anthropic {

inline constexpr std::int64_t default_max_tokens = 4096;

struct native_body {
  boost::json::object body;
  std::vector<std::string> dropped;  // OpenAI fields left out, in the request's order
};

std::variant<native_body, openai_error> build_native_body(const boost::json::object& request,
                                                          std::string_view model);

}  // namespace keygate::anthropic
