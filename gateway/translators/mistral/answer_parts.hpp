// The pieces of a Mistral answer, whole or streamed (docs/mistral.md,
// docs/mapping.md#finish-reasons, docs/mapping.md#usage): content as a string or as chunks (text,
// and thinking whose own text is a list of chunks), tool calls whose arguments come as a JSON
// string or an object, finish reasons and usage.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "gateway/base/openai_error.hpp"
#include "gateway/base/usage.hpp"
#include "gateway/translators/openai/openai_wire.hpp"

namespace keygate::mistral {

struct content_text {
  std::string text;
  std::string thinking;
};
// The text of a content; thinking chunks apart. Chunks of other types are left out.
content_text flatten_content(const boost::json::value& content);

// A tool call with its id kept (a missing one, or Mistral's "null", synthesized) and its
// arguments as a JSON text.
openai::tool_call read_tool_call(const boost::json::object& call);

// OpenAI's finish_reason for Mistral's; "error" is not one (see is_error_finish).
std::string_view finish_reason_for(std::string_view finish_reason);
bool is_error_finish(std::string_view finish_reason);
// What the client gets when Mistral ends an answer with finish_reason "error".
openai_error generation_error();

token_usage read_usage(const boost::json::object& usage);

}  // namespace keygate::mistral
