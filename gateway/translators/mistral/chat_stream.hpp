// Turns a Mistral chat completion stream into OpenAI chunks, fed upstream bytes at any split
// (docs/mistral.md, docs/mapping.md#stream-translation). Mistral's chunks are OpenAI-shaped, but
// its content may come as chunks (text and thinking), its tool calls come whole, its finish reasons
// differ, and its last chunk carries the usage together with the finish_reason. Out go OpenAI's
// finish chunk, then the usage chunk when the client asked for it, then [DONE]. Only choice 0 is
// read (n>1 streams are refused when the request is built).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/engine/translator.hpp"
#include "gateway/translators/common/sse_splitter.hpp"
#include "gateway/translators/openai/chunk_writer.hpp"

namespace keygate::mistral {

class chat_stream final : public stream_translator {
 public:
  // `reasoning`: thinking chunks go out as reasoning_content (else they are dropped). `model`
  // names the answer until a chunk gives Mistral's own.
  chat_stream(bool include_usage, bool reasoning, std::string model);

  void feed(std::string_view bytes, outgoing_bytes& out) override;
  // The finish_reason was seen and the final events sent; [DONE] and anything after it are
  // ignored.
  bool done() const override { return done_; }
  bool upstream_error() const override { return upstream_error_; }
  bool malformed() const override { return malformed_; }
  token_usage usage() const override { return usage_; }

 private:
  void on_event(std::string_view event, outgoing_bytes& out);
  void on_chunk(const boost::json::object& chunk, outgoing_bytes& out);
  void on_delta(const boost::json::object& delta, outgoing_bytes& out);
  void on_tool_call(const boost::json::object& call, outgoing_bytes& out);
  void fail(const openai_error& error, outgoing_bytes& out);
  openai::chunk_writer& writer(const boost::json::object& chunk);

  sse_splitter splitter_;
  std::string joined_;
  std::optional<openai::chunk_writer> writer_;
  std::map<std::int64_t, int> tool_index_;  // Mistral's tool_calls[].index → OpenAI's
  token_usage usage_;
  bool include_usage_;
  bool reasoning_;
  std::string model_;
  bool first_event_seen_ = false;
  bool done_ = false;
  bool upstream_error_ = false;
  bool malformed_ = false;
};

}  // namespace keygate::mistral
