// The seam between the gateway and one provider. The router picks a deployment and hands the
// attempt to that deployment's provider; nothing outside gateway/translators/ names a provider.
#pragma once

#include <string>
#include <string_view>

#include "gateway/base/usage.hpp"
#include "gateway/canonical/chat_request.hpp"
#include "gateway/canonical/embeddings_request.hpp"
#include "gateway/config/config.hpp"
#include "gateway/engine/attempt.hpp"
#include "gateway/engine/image_inliner.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/upstream/upstream_client.hpp"

namespace keygate {

// What happened, for the access log (and later metrics and the ledger).
struct chat_outcome {
  int status = 0;
  token_usage usage;
  std::string error_code;         // empty on success
  bool stream_completed = false;  // a stream reached its end signal
  bool client_gone = false;
};

// What the gateway adds to an answer once its usage is known: its cost (a response header, or a
// field of the stream's usage chunk), and its durable ledger record before the last bytes go out.
class answer_observer {
 public:
  virtual ~answer_observer() = default;
  // The cost in USD as a JSON number ("0.000042"), or empty when no price is known.
  virtual std::string cost_text(const deployment& target, const token_usage& usage) = 0;
  // Once, just before the last bytes of a successful answer: the ledger's durable record.
  virtual task<void> before_last_bytes(const deployment& target, const chat_outcome& outcome) = 0;
};

struct chat_call {
  exchange& ex;
  const chat_request& request;
  const deployment& target;
  upstream_client& upstream;
  upstream_timeouts timeouts;  // the deployment's, shortened by the request's own deadline
  chat_outcome& outcome;       // kept up to date, so it holds even when the attempt is cancelled
  // Set for an embeddings call (then `request` is its common part): the router runs embed().
  const embeddings_request* embeddings = nullptr;
  answer_observer* observer = nullptr;
  // Downloads image URLs for providers that need the bytes; null: such URLs are refused.
  image_inliner* images = nullptr;
};

class provider {
 public:
  virtual ~provider() = default;
  // One attempt. The provider answers the client only when it has something to send: a success,
  // or a stream that has started. Any failure before that is returned for the router to decide on
  // (retry, fall back, or send the error).
  virtual task<attempt_result> chat(chat_call& call) const = 0;
  // One embeddings attempt, under the same rules. By default the provider has none: a 400.
  virtual task<attempt_result> embed(chat_call& call) const;
};

// The 400 for an embeddings request to a provider without embeddings.
attempt_result embeddings_unsupported(const deployment& target);

}  // namespace keygate
