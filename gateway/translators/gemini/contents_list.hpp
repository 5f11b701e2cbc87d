// OpenAI's messages as Gemini's systemInstruction and user/model contents
// (docs/mapping.md#system-and-developer-messages,
// docs/mapping.md#tool-calls-ids-tool-messages-arguments): one systemInstruction part per system or
// developer message, assistant tool calls as functionCall parts, and consecutive tool messages as
// one user turn of functionResponse parts.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <variant>

#include "gateway/base/openai_error.hpp"

namespace keygate::gemini {

struct native_contents {
  boost::json::array system_parts;  // {text} parts of systemInstruction
  boost::json::array contents;
  bool dropped_names = false;  // some message had a "name", which Gemini has no place for
};

std::variant<native_contents, openai_error> convert_messages(const boost::json::value& messages);

}  // namespace keygate::gemini
