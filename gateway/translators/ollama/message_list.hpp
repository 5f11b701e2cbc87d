// OpenAI messages as Ollama /api/chat messages (docs/ollama.md, docs/mapping.md): every message
// stays inline and in order, its text parts joined; images go as raw base64 in `images`; assistant
// tool calls carry their arguments as objects; tool results name their function.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <variant>

#include "gateway/base/openai_error.hpp"

namespace keygate::ollama {

struct native_messages {
  boost::json::array messages;
  bool dropped_names = false;  // a message had a "name", which Ollama has no place for
};

std::variant<native_messages, openai_error> convert_messages(const boost::json::value& messages);

}  // namespace keygate::ollama
