// Canonical answers read back, for the doors that encode them into another dialect: a whole
// chat.completion, and the chunks of a chat.completion stream.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/base/openai_error.hpp"
#include "gateway/base/usage.hpp"

namespace keygate::doors {

struct tool_call_part {
  std::size_t index = 0;  // the call's place among the answer's calls
  std::string id;         // set on a call's first piece
  std::string name;       // set on a call's first piece
  std::string arguments;  // the whole text (answers) or the piece (chunks)
};

// The first choice of a chat.completion, or what one chunk adds to it.
struct canonical_message {
  std::string id;
  std::string model;
  std::string content;
  std::string reasoning;  // reasoning_content
  std::optional<std::string> refusal;
  std::vector<tool_call_part> tool_calls;
  std::string finish_reason;  // empty until known
  std::optional<token_usage> usage;
};

// A whole chat.completion; nullopt when it is not one.
std::optional<canonical_message> read_completion(std::string_view body);

// One event of a canonical stream.
struct canonical_chunk {
  bool done = false;                  // data: [DONE]
  std::optional<openai_error> error;  // data: {"error":{...}}
  canonical_message delta;
};
// The chunk in one SSE event's data; nullopt for data that is not a chunk (ignored).
std::optional<canonical_chunk> read_chunk(std::string_view data);

// An OpenAI usage object in keygate's terms.
token_usage usage_of(const boost::json::object& usage);

}  // namespace keygate::doors
