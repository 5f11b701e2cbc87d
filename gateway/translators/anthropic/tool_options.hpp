// OpenAI's tools, tool_choice, parallel_tool_calls and response_format as Anthropic tools and
// tool_choice (docs/mapping.md#tool_choice-and-response_format). A JSON response_format becomes a
// forced "json_response" tool whose input is the answer.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/base/openai_error.hpp"

namespace keygate::anthropic {

inline constexpr std::string_view json_response_tool = "json_response";

// Whether the request asks for JSON (json_object or json_schema), answered through the forced tool.
bool wants_json_response(const boost::json::object& request);

// Adds "tools" and "tool_choice" to `native`; fields left out are added to `dropped`.
std::optional<openai_error> add_tool_options(const boost::json::object& request,
                                             boost::json::object& native,
                                             std::vector<std::string>& dropped);

}  // namespace keygate::anthropic
