// OpenAI messages as Cohere v2 messages (docs/cohere.md,
// docs/mapping.md#system-and-developer-messages-10.4). System and developer messages stay inline as
// Cohere "system" turns; images go as {type:"image_url",image_url:{url, detail?}}, http(s) or data
// URL; tool-call ids pass unchanged (Cohere takes any string). What Cohere has no field for is left
// out: `name` on messages (reported), fields only OpenAI knows (reasoning_content, refusal, audio,
// annotations) and assistant turns with nothing in them.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <variant>

#include "gateway/base/openai_error.hpp"

namespace keygate::cohere {

struct native_messages {
  boost::json::array messages;
  bool dropped_names = false;  // some message lost its `name`
};

std::variant<native_messages, openai_error> convert_messages(const boost::json::value& messages);

}  // namespace keygate::cohere
