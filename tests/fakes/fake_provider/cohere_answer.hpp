// The fake's deterministic Cohere v2 answer to a chat request (docs/cohere.md), whole
// or as Cohere's typed stream: message-start, the thinking of a reasoning model, the text one
// content-delta per token, a tool plan and a tool call (its arguments in two tool-call-delta
// pieces), then message-end with the finish_reason and the usage.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fake {

struct cohere_answer {
  std::string id;                        // a UUID-shaped id
  int tokens = 0;                        // "tok0 tok1 ..."
  std::optional<std::string> json_text;  // the answer when response_format asks for JSON
  bool thinking = false;                 // command-a-reasoning models think first
  std::optional<std::string> tool_name;  // a call of the first tool instead of text
  std::string tool_call_id;
  std::string finish_reason;  // COMPLETE, STOP_SEQUENCE, MAX_TOKENS or TOOL_CALL
  std::int64_t prompt_tokens = 0;
};

cohere_answer plan_cohere_answer(const boost::json::object& request, std::uint64_t n, int tokens);
std::string cohere_response_json(const cohere_answer& answer);

struct cohere_events {
  std::vector<std::string> events;  // "event: <type>\ndata: ...\n\n"
  std::size_t first_content = 0;    // index of the first token event
  int content_count = 0;            // token events
};
cohere_events cohere_stream_events(const cohere_answer& answer);

}  // namespace fake
