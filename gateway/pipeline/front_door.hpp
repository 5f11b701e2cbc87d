// A front door: one API dialect clients speak to keygate (OpenAI chat completions, OpenAI
// embeddings, Anthropic Messages, OpenAI Responses). A door reads the client's body into the
// canonical request (OpenAI chat completions, the form every provider takes), writes errors in its
// own shape, and encodes canonical answers into its dialect. The model request's stages and the
// answer writer are the same for every door (docs/front-doors.md).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "gateway/base/json_line.hpp"
#include "gateway/base/openai_error.hpp"
#include "gateway/base/outgoing_bytes.hpp"
#include "gateway/base/usage.hpp"
#include "gateway/canonical/client_dialect.hpp"
#include "gateway/canonical/embeddings_request.hpp"
#include "gateway/http/exchange.hpp"

namespace keygate {

// Turns one canonical answer into the door's dialect. A stream's events come whole (as providers
// hand them to the answer sink) but in any grouping, so the encoder keeps its state between calls.
class answer_encoder {
 public:
  virtual ~answer_encoder() = default;
  // A whole chat.completion into the door's whole answer, or the 502 when it cannot be read.
  virtual std::variant<std::string, openai_error> whole(std::string_view completion,
                                                        const token_usage& usage) = 0;
  // Canonical SSE events into the door's events, appended to `out`. `usage` is the stream's so
  // far, as the provider counted it.
  virtual void stream(const outgoing_bytes& events, const token_usage& usage,
                      outgoing_bytes& out) = 0;
  // The event that ends a stream that broke after it started.
  virtual std::string stream_error(const openai_error& error) = 0;
};

class front_door {
 public:
  virtual ~front_door() = default;

  // The route's name in the ledger's endpoint column, the metrics' route label and the access log.
  virtual std::string_view route() const = 0;
  virtual client_dialect dialect() const = 0;
  bool embeddings() const { return dialect() == client_dialect::openai_embeddings; }

  // Reads the client's body into the canonical request (`into.common` for chat).
  virtual std::optional<openai_error> read(exchange& ex, embeddings_request& into) = 0;
  // The client's own request, for deployments that speak the door's dialect natively; null when
  // the door's dialect is the canonical one.
  virtual const client_body* client() const { return nullptr; }

  // A refusal as the whole response: the body in the door's shape.
  virtual std::string error_body(const openai_error& error) const { return error.to_json(); }
  // The event that ends a native stream (or a canonical one on an OpenAI door) that broke.
  virtual std::string stream_error_event(const openai_error& error) const {
    return error.to_sse_event();
  }
  // The Content-Type of a whole successful answer, and the header lines that open a stream (an
  // audio stream is not an event stream).
  virtual std::string_view answer_content_type() const { return "application/json"; }
  virtual std::string_view stream_head() const {
    return "Content-Type: text/event-stream\r\nCache-Control: no-cache\r\n";
  }
  // Whether a stream is raw bytes (speech audio): one that breaks then ends by closing the
  // connection, with no error event, which would only be more bytes of audio.
  virtual bool raw_stream() const { return false; }
  // The encoder for canonical answers; null: they go out as they are.
  virtual answer_encoder* encoder() { return nullptr; }

  // A native stream's events, as they go out untouched (the Responses door reads the finished
  // Response from them to store it).
  virtual void watch_native(const outgoing_bytes& /*events*/) {}
  // Once, right before the last bytes of a successful answer (the Responses door stores the
  // response here, so the client's next request finds it). `native_answer` holds a whole native
  // answer's body; streams and canonical answers are seen through the encoder.
  virtual void answered(std::string_view /*native_answer*/) {}
  // The route's own fields of the access log line.
  virtual void log_fields(json_line& /*line*/, const embeddings_request& /*request*/,
                          std::int64_t /*completion_tokens*/) const {}
};

}  // namespace keygate
