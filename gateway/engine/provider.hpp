// The seam between the engine and one provider. The attempt loop picks a deployment and hands the
// attempt to that deployment's provider; nothing outside gateway/translators/ names a provider.
#pragma once

#include "gateway/base/net.hpp"
#include "gateway/base/wait_recorder.hpp"
#include "gateway/canonical/canonical_request.hpp"
#include "gateway/canonical/client_dialect.hpp"
#include "gateway/canonical/embeddings_request.hpp"
#include "gateway/config/config.hpp"
#include "gateway/engine/answer_sink.hpp"
#include "gateway/engine/attempt.hpp"
#include "gateway/engine/image_inliner.hpp"
#include "gateway/upstream/upstream_client.hpp"

namespace keygate {

// One attempt of one request at one deployment.
struct attempt_call {
  const canonical_request& request;  // for embeddings, the common part (`embeddings` has the rest)
  const deployment& target;
  upstream_client& upstream;
  upstream_timeouts timeouts;  // the deployment's, shortened by the request's own deadline
  answer_sink& answer;         // the only way to the client
  wait_recorder& waits;        // time spent on the upstream, outside keygate
  net::any_io_executor executor;
  // Set for an embeddings call: the attempt loop runs embed().
  const embeddings_request* embeddings = nullptr;
  // Downloads image URLs for providers that need the bytes; null: such URLs are refused.
  image_inliner* images = nullptr;
  // The client's request in its own dialect, for a provider that speaks it natively; null for the
  // canonical dialect.
  const client_body* client = nullptr;
};

class provider {
 public:
  virtual ~provider() = default;
  // One attempt. The provider hands its answer to `call.answer` only once it has something sound
  // to send: a success, or a stream whose first event is whole. Any failure before that is
  // returned for the attempt loop to decide on (retry, fall back, or refuse).
  virtual task<attempt_result> chat(attempt_call& call) const = 0;
  // One embeddings attempt, under the same rules. By default the provider has none: a 400.
  virtual task<attempt_result> embed(attempt_call& call) const;
};

// The 400 for an embeddings request to a provider without embeddings.
attempt_result embeddings_unsupported(const deployment& target);
// The 400 for a request to an endpoint without a canonical form (legacy completions, rerank,
// images, audio) at a deployment whose provider does not serve it.
attempt_result endpoint_unsupported(const deployment& target, client_dialect dialect);

}  // namespace keygate
