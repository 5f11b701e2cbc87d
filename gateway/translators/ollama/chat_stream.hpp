// Turns an Ollama /api/chat NDJSON stream (one answer object per line, the last with done:true)
// into OpenAI chunks, fed upstream bytes at any split (docs/ollama.md,
// docs/mapping.md#stream-translation).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/engine/translator.hpp"
#include "gateway/translators/ollama/ndjson_splitter.hpp"
#include "gateway/translators/openai/chunk_writer.hpp"

namespace keygate::ollama {

class chat_stream final : public stream_translator {
 public:
  // `model` names the answer until a line gives the upstream's; `reasoning` turns the model's
  // thinking into reasoning_content deltas (else they are dropped).
  chat_stream(bool include_usage, bool reasoning, std::string model);

  void feed(std::string_view bytes, outgoing_bytes& out) override;
  // The done:true line was seen and answered with the finish chunk, usage and [DONE].
  bool done() const override { return done_; }
  // An {"error":...} line, or a line that is not JSON after the stream began.
  bool upstream_error() const override { return upstream_error_; }
  bool malformed() const override { return malformed_; }
  token_usage usage() const override { return usage_; }

 private:
  void on_record(std::string_view record, outgoing_bytes& out);
  void on_chunk(const boost::json::object& chunk, outgoing_bytes& out);
  openai::chunk_writer& writer(const boost::json::object& chunk);

  ndjson_splitter splitter_;
  std::optional<openai::chunk_writer> writer_;
  token_usage usage_;
  bool include_usage_;
  bool reasoning_;
  std::string model_;
  bool first_record_seen_ = false;
  bool done_ = false;
  bool upstream_error_ = false;
  bool malformed_ = false;
};

}  // namespace keygate::ollama
