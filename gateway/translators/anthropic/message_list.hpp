// OpenAI's messages as Anthropic's system blocks and user/assistant turns
// (docs/mapping.md#system-and-developer-messages,
// docs/mapping.md#tool-calls-ids-tool-messages-arguments): system and developer messages are
// hoisted, tool calls become tool_use blocks, and consecutive tool messages become one user turn of
// tool_result blocks.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <variant>

#include "gateway/base/openai_error.hpp"

namespace keygate::anthropic {

struct native_messages {
  boost::json::array system;  // text blocks
  boost::json::array messages;
  bool dropped_names = false;  // some message had a "name", which Anthropic has no place for
};

std::variant<native_messages, openai_error> convert_messages(const boost::json::value& messages);

}  // namespace keygate::anthropic
