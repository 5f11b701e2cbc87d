// OpenAI messages as Mistral messages (docs/mistral.md,
// docs/mapping.md#system-and-developer-messages-10.4). The shape is the same; what Mistral refuses
// is left out: `name` on non-tool messages (reported), fields only OpenAI knows (reasoning_content,
// refusal, audio, annotations) and assistant messages with nothing in them. Tool-call ids are
// mapped to Mistral's nine-character form.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <variant>

#include "gateway/base/openai_error.hpp"

namespace keygate::mistral {

struct native_messages {
  boost::json::array messages;
  bool dropped_names = false;  // some message lost its `name`
};

std::variant<native_messages, openai_error> convert_messages(const boost::json::value& messages);

}  // namespace keygate::mistral
