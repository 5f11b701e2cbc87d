// Watches an OpenAI-compatible SSE stream on its way to the client. Events are forwarded as the
// upstream's own bytes; the watcher only notes usage, the end ([DONE]) and error events, and drops
// the usage-only chunk when the client did not ask for it (the gateway asked on its behalf).
#pragma once

#include <string>
#include <string_view>

#include "gateway/base/outgoing_bytes.hpp"
#include "gateway/base/usage.hpp"
#include "gateway/engine/translator.hpp"
#include "gateway/translators/common/sse_splitter.hpp"

namespace keygate::openai {

class passthrough_stream final : public stream_translator {
 public:
  explicit passthrough_stream(bool client_wants_usage) : client_wants_usage_(client_wants_usage) {}

  // `bytes` must stay valid until `out` is flushed.
  void feed(std::string_view bytes, outgoing_bytes& out) override;

  bool done() const override { return done_; }
  bool upstream_error() const override { return upstream_error_; }
  // The first data event was not a JSON object: the upstream does not speak this protocol.
  bool malformed() const override { return malformed_; }
  bool has_partial_event() const { return splitter_.has_partial_event(); }
  // The upstream's usage once it came; until then an estimate (known=false) that counts each chunk
  // carrying text or tool-call arguments as one completion token, as OpenAI streams them.
  token_usage usage() const override;

 private:
  // Whether the event goes to the client.
  bool inspect(std::string_view event);

  sse_splitter splitter_;
  std::string joined_;
  token_usage usage_;
  bool client_wants_usage_;
  bool done_ = false;
  bool upstream_error_ = false;
  bool first_data_seen_ = false;
  std::int64_t content_chunks_ = 0;
  bool malformed_ = false;
};

}  // namespace keygate::openai
