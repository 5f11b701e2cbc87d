// The fake's deterministic Anthropic answer to a Messages request, as a whole message or as the
// event sequence of a stream.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fake {

struct anthropic_answer {
  std::string id;                            // msg_fake_<n>
  std::string model;                         // echoed
  int tokens = 0;                            // text tokens "tok0 tok1 ..."
  int thinking = 0;                          // thinking pieces "think0 think1 ..." before the text
  bool text = true;                          // false when tool_choice forces the call
  std::optional<std::string> tool_name;      // a tool_use block after the text
  std::string tool_input;                    // its input, a JSON text
  std::optional<std::string> scripted_text;  // the agent script's final text (agent_script.hpp)
  std::string stop_reason;
  std::optional<std::string> stop_sequence;
  std::int64_t input_tokens = 0;  // uncached: the prompt less the cache's reads and writes
  std::int64_t cache_read_tokens = 0;
  std::int64_t cache_write_tokens = 0;
};

// Reads what the answer depends on: token budget, stop sequences, tools and tool_choice, prompt
// words, and `thinking` (enabled: three thinking pieces first, counted in output_tokens).
anthropic_answer plan_answer(const boost::json::object& request, std::string id, int tokens);
// The words of `system` and of every text and tool_result content: the input_tokens of a message
// and of a token count.
std::int64_t input_words(const boost::json::object& request);

std::string message_json(const anthropic_answer& answer);

struct anthropic_events {
  std::vector<std::string> events;  // "event: ...\ndata: ...\n\n"
  std::size_t first_content = 0;    // index of the first text delta
};
anthropic_events stream_events(const anthropic_answer& answer);

}  // namespace fake
