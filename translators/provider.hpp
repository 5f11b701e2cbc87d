// The seam between the gateway and one provider. The chat route resolves a deployment, then hands
// the call to that deployment's provider; nothing outside translators/ names a provider.
#pragma once

#include <string>
#include <string_view>

#include "gateway/chat_request.hpp"
#include "gateway/config.hpp"
#include "gateway/exchange.hpp"
#include "gateway/upstream/upstream_client.hpp"
#include "gateway/usage.hpp"

namespace keygate {

// What happened, for the access log (and later metrics and the ledger).
struct chat_outcome {
  int status = 0;
  token_usage usage;
  std::string error_code;         // empty on success
  bool stream_completed = false;  // a stream reached its end signal
  bool client_gone = false;
};

struct chat_call {
  exchange& ex;
  const chat_request& request;
  const deployment& target;
  upstream_client& upstream;
  chat_outcome outcome;
};

class provider {
 public:
  virtual ~provider() = default;
  virtual task<void> chat(chat_call& call) const = 0;
};

}  // namespace keygate
