// The fake's deterministic OpenAI answer to a chat request, whole or as chunks: the tokens, a JSON
// answer when response_format asks for one, or a call of the first tool when the request has tools
// and its last message is not a tool result.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/base/usage.hpp"
#include "gateway/translators/openai/openai_wire.hpp"

namespace fake {

struct openai_answer {
  keygate::openai::response_meta meta;
  int tokens = 0;                        // "tok0 tok1 ..."
  std::optional<std::string> json_text;  // the content when response_format asks for JSON
  std::optional<std::string> tool_name;  // the answer calls this tool (content null)
  std::string tool_call_id;
  std::string tool_arguments;  // {"city": "Oslo"}, or the agent script's (agent_script.hpp)
  std::string finish_reason;
  keygate::token_usage usage;
};

// `max_tokens` cuts the tokens ("length"); prompt_words is what the usage reports as prompt.
openai_answer plan_openai_answer(const boost::json::object& request,
                                 keygate::openai::response_meta meta, int tokens,
                                 std::optional<std::int64_t> max_tokens, std::int64_t prompt_words);

std::string openai_completion_json(const openai_answer& answer);

struct openai_events {
  std::vector<std::string> events;  // "data: ...\n\n", [DONE] last
  std::size_t first_content = 0;    // the first token (or argument) chunk
  int content_count = 0;
};
openai_events openai_stream_events(const openai_answer& answer, bool include_usage);

}  // namespace fake
