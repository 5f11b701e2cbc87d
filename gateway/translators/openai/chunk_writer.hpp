// Writes OpenAI chat.completion.chunk events for a translated stream, keeping the rules of
// docs/mapping.md#stream-translation: the role chunk first, tool calls indexed by OpenAI's own
// counter, exactly one finish chunk, the usage chunk only when the client asked, then [DONE].
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/base/openai_error.hpp"
#include "gateway/base/outgoing_bytes.hpp"
#include "gateway/base/usage.hpp"
#include "gateway/translators/openai/openai_wire.hpp"

namespace keygate::openai {

class chunk_writer {
 public:
  chunk_writer(response_meta meta, bool include_usage);

  void text(std::string_view delta, outgoing_bytes& out);
  void reasoning(std::string_view delta, outgoing_bytes& out);
  // Starts a tool call; returns its OpenAI index (0, 1, ... in order of appearance).
  int start_tool_call(std::string_view id, std::string_view name, outgoing_bytes& out);
  void tool_arguments(int index, std::string_view fragment, outgoing_bytes& out);
  // The finish chunk; "tool_calls" wins over the upstream's reason when any tool call was sent.
  void finish(std::string_view reason, outgoing_bytes& out);
  // The usage chunk (when asked) and [DONE]. Call once, after finish.
  void end(const token_usage& usage, outgoing_bytes& out);
  // A mid-stream failure: an error event, and no [DONE] after it.
  void fail(const openai_error& error, outgoing_bytes& out);

  bool finished() const { return finished_; }
  bool ended() const { return ended_; }
  int tool_calls() const { return tool_calls_; }

 private:
  void ensure_role(outgoing_bytes& out);

  response_meta meta_;
  bool include_usage_;
  bool role_sent_ = false;
  bool finished_ = false;
  bool ended_ = false;
  int tool_calls_ = 0;
};

}  // namespace keygate::openai
