// The pieces of a Cohere v2 answer, whole or streamed (docs/cohere.md,
// docs/mapping.md#finish-reasons, docs/mapping.md#usage): content as a list of text and thinking
// items, tool calls, finish reasons and usage.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "gateway/base/openai_error.hpp"
#include "gateway/base/usage.hpp"
#include "gateway/translators/openai/openai_wire.hpp"

namespace keygate::cohere {

struct content_text {
  std::string text;
  std::string thinking;
};
// The text of a message's content list; thinking items apart, other item types left out.
content_text flatten_content(const boost::json::value& content);

// A tool call with its id kept (a missing one synthesized) and its arguments as a JSON text.
openai::tool_call read_tool_call(const boost::json::object& call);

// OpenAI's finish_reason for Cohere's. ERROR and TIMEOUT are "stop" when something was generated;
// with nothing generated they are failures (see failed_finish).
std::string_view finish_reason_for(std::string_view finish_reason);
// The client's error when Cohere ended with ERROR or TIMEOUT before generating anything; nothing
// for any other ending. `message` is Cohere's own explanation, when it gave one.
std::optional<openai_error> failed_finish(std::string_view finish_reason, bool generated,
                                          std::string_view message);

// Cohere's usage: tokens (what the model saw and wrote), billed_units when tokens are missing,
// cached_tokens.
token_usage read_usage(const boost::json::object& usage);

}  // namespace keygate::cohere
