// Canonical answers in Anthropic's Messages dialect: a whole chat.completion as a message, and a
// chat.completion.chunk stream as Anthropic's event stream (message_start, content blocks,
// message_delta, message_stop), at any grouping of the canonical events.
#pragma once

#include <optional>
#include <string>

#include "gateway/doors/common/canonical_events.hpp"
#include "gateway/pipeline/front_door.hpp"

namespace keygate::doors::anthropic {

// "end_turn", "max_tokens", "tool_use" or "refusal" for an OpenAI finish_reason.
std::string_view stop_reason_for(std::string_view finish_reason);

// A whole canonical answer as an Anthropic message.
std::string message_json(const canonical_message& answer, const token_usage& usage);

class messages_encoder final : public answer_encoder {
 public:
  std::variant<std::string, openai_error> whole(std::string_view completion,
                                                const token_usage& usage) override;
  void stream(const outgoing_bytes& events, const token_usage& usage, outgoing_bytes& out) override;
  std::string stream_error(const openai_error& error) override;

 private:
  enum class block { none, text, thinking, tool };
  void on_chunk(const canonical_chunk& chunk, const token_usage& usage, std::string& out);
  void start(const canonical_message& first, std::string& out);
  void open(block kind, const tool_call_part* call, std::string& out);
  void close(std::string& out);
  void finish(const token_usage& usage, std::string& out);

  canonical_events events_;
  bool started_ = false;
  bool finished_ = false;
  block open_ = block::none;
  int index_ = -1;                   // the open block's index
  std::optional<std::size_t> tool_;  // the open tool block's canonical call index
  std::string stop_reason_ = "end_turn";
  std::optional<token_usage> usage_;
};

}  // namespace keygate::doors::anthropic
