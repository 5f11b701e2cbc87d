// Turns a Cohere v2 chat stream into OpenAI chunks, fed upstream bytes at any split
// (docs/cohere.md, docs/mapping.md#stream-translation). Cohere names each event by its "type":
// message-start opens the answer, content-delta carries text (or a reasoning model's thinking),
// tool-call-start/-delta carry a call's name and argument pieces, and message-end brings the
// finish_reason and the usage and ends the stream. Out go OpenAI's finish chunk, then the usage
// chunk when the client asked for it, then [DONE]. tool-plan, citation and debug events are not
// forwarded.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/engine/translator.hpp"
#include "gateway/translators/common/sse_splitter.hpp"
#include "gateway/translators/openai/chunk_writer.hpp"

namespace keygate::cohere {

class chat_stream final : public stream_translator {
 public:
  // `reasoning`: thinking deltas go out as reasoning_content (else they are dropped). `model`
  // names the answer (Cohere's stream has none).
  chat_stream(bool include_usage, bool reasoning, std::string model);

  void feed(std::string_view bytes, outgoing_bytes& out) override;
  bool done() const override { return done_; }
  bool upstream_error() const override { return upstream_error_; }
  bool malformed() const override { return malformed_; }
  token_usage usage() const override { return usage_; }

 private:
  void on_event(std::string_view event, outgoing_bytes& out);
  void on_typed(std::string_view type, const boost::json::object& event, outgoing_bytes& out);
  void on_content(const boost::json::object& content, outgoing_bytes& out);
  void on_tool_call_start(const boost::json::object& event, outgoing_bytes& out);
  void on_tool_call_delta(const boost::json::object& event, outgoing_bytes& out);
  void on_message_end(const boost::json::object& event, outgoing_bytes& out);
  void fail(const openai_error& error, outgoing_bytes& out);
  openai::chunk_writer& writer(std::string_view id);

  sse_splitter splitter_;
  std::string joined_;
  std::optional<openai::chunk_writer> writer_;
  std::map<std::int64_t, int> tool_index_;  // Cohere's tool-call index → OpenAI's
  token_usage usage_;
  bool include_usage_;
  bool reasoning_;
  std::string model_;
  bool generated_ = false;  // some text or a tool call went out
  bool first_event_seen_ = false;
  bool done_ = false;
  bool upstream_error_ = false;
  bool malformed_ = false;
};

}  // namespace keygate::cohere
