// The translator seam: what a provider with its own wire format implements. The gateway's
// translated_provider does the HTTP, the retries' bookkeeping and the client side; a translator
// only turns OpenAI requests into native ones and native answers back into OpenAI's.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gateway/base/openai_error.hpp"
#include "gateway/base/outgoing_bytes.hpp"
#include "gateway/base/usage.hpp"
#include "gateway/canonical/canonical_request.hpp"
#include "gateway/canonical/client_dialect.hpp"
#include "gateway/canonical/embeddings_request.hpp"
#include "gateway/config/config.hpp"
#include "gateway/engine/attempt.hpp"
#include "gateway/upstream/upstream_client.hpp"

namespace keygate {

// Everything a translator may read about one request. Translators never change it: a retry or a
// fallback builds again from the same input.
struct translate_input {
  const boost::json::object* body;  // the client's OpenAI request, parsed (see wants_parsed_body)
  const canonical_request& view;    // the raw bytes, model, stream, include_usage, max_tokens
  const deployment& target;
  const client_body* client = nullptr;  // the client's own request (native translators read it)
};

// The same for an embeddings request.
struct embeddings_input {
  const boost::json::object* body;  // parsed when wants_parsed_body()
  const embeddings_request& view;
  const deployment& target;
};

struct native_request {
  upstream_request http;             // target path, headers (auth included), body
  std::vector<std::string> dropped;  // OpenAI parameters left out (x-keygate-dropped-params)
};

// The OpenAI answer built from a native one.
struct openai_answer {
  std::string body;  // a chat.completion (or an embeddings list)
  token_usage usage;
};

// Turns one native stream into OpenAI chunks, fed upstream bytes at any split as they arrive.
class stream_translator {
 public:
  virtual ~stream_translator() = default;
  // Appends the OpenAI SSE events (already "data: ...\n\n" framed) for these bytes to `out`.
  virtual void feed(std::string_view bytes, outgoing_bytes& out) = 0;
  // The upstream's own end signal was seen and the final events ([DONE] included) emitted.
  virtual bool done() const = 0;
  // The upstream sent an error event; its OpenAI error event is already in `out`.
  virtual bool upstream_error() const = 0;
  // The first event could not be understood: the upstream does not speak this protocol.
  virtual bool malformed() const = 0;
  virtual token_usage usage() const = 0;
};

class translator {
 public:
  virtual ~translator() = default;
  // Whether build() reads translate_input::body; a passthrough works on the raw bytes alone.
  virtual bool wants_parsed_body() const { return true; }
  // Whether the provider takes images only as bytes: http(s) image URLs are then downloaded and
  // handed to build() as data URLs (docs/images.md).
  virtual bool needs_image_bytes() const { return false; }
  // A native request, or the 400 that explains why this provider cannot take it.
  virtual std::variant<native_request, openai_error> build(const translate_input& in) const = 0;
  // An OpenAI answer from a native whole response, or why it could not be read.
  virtual std::variant<openai_answer, openai_error> parse(const translate_input& in,
                                                          std::string native_body) const = 0;
  virtual std::unique_ptr<stream_translator> stream(const translate_input& in) const = 0;
  // The client's error for a native error response (status per docs/mapping.md#errors).
  virtual openai_error error(int status, std::string_view native_body,
                             const boost::beast::http::fields& headers) const = 0;
  // Embeddings: a native request and the OpenAI list from its answer. By default this provider
  // has none, and says so with a 400.
  virtual std::variant<native_request, openai_error> build_embeddings(
      const embeddings_input& in) const;
  virtual std::variant<openai_answer, openai_error> parse_embeddings(const embeddings_input& in,
                                                                     std::string native_body) const;
  // The translator that takes a request in `dialect` as it is and hands back the provider's own
  // answers untouched, when the provider (or this deployment of it) speaks that dialect; null
  // when it does not.
  virtual const translator* native_for(client_dialect, const deployment&) const { return nullptr; }
  // Whether a stream's answer is raw bytes (speech audio) rather than server-sent events.
  virtual bool raw_stream() const { return false; }
  // A wait the upstream asked for in its error body rather than in headers (Gemini's
  // RetryInfo.retryDelay); headers, when they say something, win.
  virtual std::optional<std::chrono::milliseconds> retry_after_in_body(std::string_view) const {
    return std::nullopt;
  }
};

}  // namespace keygate
