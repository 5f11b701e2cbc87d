// Builders for OpenAI's response shapes, shared by every producer of OpenAI JSON (the built-in
// mock, translators, and the fake provider used in tests).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/base/usage.hpp"

namespace keygate::openai {

struct response_meta {
  std::string id;
  std::int64_t created = 0;
  std::string model;
};

std::string new_completion_id();
std::int64_t unix_now();

std::string usage_json(const token_usage& usage);
// A whole chat.completion with one choice holding `content`.
std::string completion_json(const response_meta& meta, std::string_view content,
                            std::string_view finish_reason, const token_usage& usage);

struct tool_call {
  std::string id;
  std::string name;
  std::string arguments;  // a JSON text
};

// The assistant message of a translated answer. Without content it is null, the way OpenAI sends
// a message that only calls tools.
struct completion_message {
  std::optional<std::string> content;
  std::vector<tool_call> tool_calls;
  std::optional<std::string> reasoning_content;  // only for routes that return reasoning
};
std::string completion_json(const response_meta& meta, const completion_message& message,
                            std::string_view finish_reason, const token_usage& usage);

// One of several choices (n > 1); choices[i].index is i.
struct completion_choice {
  completion_message message;
  std::string finish_reason;
};
std::string completion_json(const response_meta& meta,
                            const std::vector<completion_choice>& choices,
                            const token_usage& usage);

// A chat.completion.chunk as an SSE event ("data: ...\n\n"). `usage_null` adds "usage":null the way
// OpenAI does when the client asked for usage.
std::string role_chunk_event(const response_meta& meta, bool usage_null);
std::string content_chunk_event(const response_meta& meta, std::string_view content,
                                bool usage_null);
std::string finish_chunk_event(const response_meta& meta, std::string_view finish_reason,
                               bool usage_null);
std::string usage_chunk_event(const response_meta& meta, const token_usage& usage);
inline constexpr std::string_view done_event = "data: [DONE]\n\n";

}  // namespace keygate::openai
