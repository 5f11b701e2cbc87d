// OpenAI's tools, tool_choice and response_format as Bedrock's toolConfig
// (docs/mapping.md#tool_choice-and-response_format). A JSON response_format becomes a forced
// "json_response" tool whose input is the answer.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/base/openai_error.hpp"

namespace keygate::bedrock {

inline constexpr std::string_view json_response_tool = "json_response";

// Whether the request asks for JSON (json_object or json_schema), answered through the forced tool.
bool wants_json_response(const boost::json::object& request);

// What the history needs declared: Bedrock refuses toolUse/toolResult blocks without a toolConfig.
struct tool_history {
  bool has_tool_blocks = false;
  const std::set<std::string>* called = nullptr;
};

// Adds "toolConfig" to `native`; fields left out are added to `dropped`.
std::optional<openai_error> add_tool_config(const boost::json::object& request,
                                            const tool_history& history,
                                            boost::json::object& native,
                                            std::vector<std::string>& dropped);

}  // namespace keygate::bedrock
