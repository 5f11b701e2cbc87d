// The fake's deterministic Mistral answer to a chat request (docs/mistral.md), whole
// or as Mistral's stream: a role chunk, one chunk per token, and a last chunk that carries the
// finish_reason and the usage together (a tool call rides in it too), then data: [DONE].
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fake {

struct mistral_answer {
  std::string id;     // cmpl-fake-<n>
  std::string model;  // echoed
  std::int64_t created = 0;
  int tokens = 0;  // "tok0 tok1 ..."
  int choices = 1;
  std::optional<std::string> json_text;  // the answer when response_format asks for JSON
  bool thinking = false;                 // magistral models think first
  std::optional<std::string> tool_name;  // a call of the first tool after the text
  std::string tool_call_id;              // nine letters and digits
  std::string finish_reason;
  std::int64_t prompt_tokens = 0;
};

mistral_answer plan_mistral_answer(const boost::json::object& request, std::uint64_t n, int tokens);
std::string mistral_completion_json(const mistral_answer& answer);

struct mistral_events {
  std::vector<std::string> events;  // "data: ...\n\n"
  std::size_t first_content = 0;    // index of the first token chunk
  int content_count = 0;            // token chunks
};
mistral_events mistral_stream_events(const mistral_answer& answer);

}  // namespace fake
