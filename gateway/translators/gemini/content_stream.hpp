// Turns a Gemini streamGenerateContent?alt=sse stream (one GenerateContentResponse per event,
// "\r\n\r\n" between events, no terminator) into OpenAI chunks, fed upstream bytes at any split
// (docs/gemini.md#answers-response_parsercpp-content_streamcpp-finish_and_usagecpp,
// docs/mapping.md#stream-translation).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/engine/translator.hpp"
#include "gateway/translators/common/sse_splitter.hpp"
#include "gateway/translators/openai/chunk_writer.hpp"

namespace keygate::gemini {

class content_stream final : public stream_translator {
 public:
  // `reasoning`: thought parts go out as reasoning_content (else they are dropped). `model` names
  // the answer until a chunk gives the upstream's modelVersion.
  content_stream(bool include_usage, bool reasoning, std::string model);

  void feed(std::string_view bytes, outgoing_bytes& out) override;
  // A finishReason was seen: Gemini sends nothing after it but the end of the body.
  bool done() const override { return done_; }
  bool upstream_error() const override { return upstream_error_; }
  bool malformed() const override { return malformed_; }
  token_usage usage() const override { return usage_; }

 private:
  void on_event(std::string_view event, outgoing_bytes& out);
  void on_response(const boost::json::object& response, outgoing_bytes& out);
  void on_part(const boost::json::object& part, outgoing_bytes& out);
  openai::chunk_writer& writer(const boost::json::object& response);

  sse_splitter splitter_;
  std::string joined_;
  std::optional<openai::chunk_writer> writer_;
  token_usage usage_;
  bool include_usage_;
  bool reasoning_;
  std::string model_;
  bool first_event_seen_ = false;
  bool done_ = false;
  bool upstream_error_ = false;
  bool malformed_ = false;
};

}  // namespace keygate::gemini
