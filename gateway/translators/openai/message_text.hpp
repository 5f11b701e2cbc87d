// A cheap look at the text of a chat request's messages: what local answerers (the mock provider
// and the fake upstream) need to build a deterministic reply.
#pragma once

#include <cstdint>
#include <string>

namespace keygate::openai {

struct message_summary {
  std::string last_user_text;
  std::int64_t word_count = 0;  // whitespace-separated words in every text content
};

// `body` must already carry simdjson's padding in its capacity (parse_chat_request reserves it).
message_summary summarize_messages(const std::string& body);
std::int64_t count_words(std::string_view text);

}  // namespace keygate::openai
