// OpenAI's messages as Bedrock's system blocks and alternating user/assistant turns
// (docs/mapping.md#system-and-developer-messages,
// docs/mapping.md#tool-calls-ids-tool-messages-arguments): one system text block per system or
// developer message, tool calls as toolUse blocks, consecutive tool messages as one user turn of
// toolResult blocks, and adjacent turns of the same role merged.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <set>
#include <string>
#include <variant>

#include "gateway/base/openai_error.hpp"

namespace keygate::bedrock {

struct native_messages {
  boost::json::array system;  // {"text":…} blocks
  boost::json::array messages;
  std::set<std::string> history_tools;  // tools the history calls: Bedrock wants them declared
  bool has_tool_blocks = false;
  bool dropped_names = false;  // some message had a "name", which Bedrock has no place for
};

std::variant<native_messages, openai_error> convert_messages(const boost::json::value& messages);

}  // namespace keygate::bedrock
