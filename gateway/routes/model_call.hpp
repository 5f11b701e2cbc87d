// The way both model routes (chat and embeddings) run a parsed request: the model and the key's
// access to it, the client's deadline, admission against the limits, the router's attempts, and
// the accounting at the end.
#pragma once

#include "gateway/access/authenticate.hpp"
#include "gateway/engine/attempt_loop.hpp"
#include "gateway/routes/request_accounting.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

struct model_call {
  const chat_request& request;                     // the common part
  const embeddings_request* embeddings = nullptr;  // set for an embeddings request
};

// Answers the client whatever happens; the report tells the access log how it went.
task<route_report> run_model_call(exchange& ex, worker_services& services, const caller& who,
                                  const model_call& call, request_accounting& accounting);

// Answers a request refused before routing, and records it.
task<route_report> refuse(exchange& ex, request_accounting& accounting, const openai_error& error,
                          std::optional<std::chrono::milliseconds> retry_after = std::nullopt);

}  // namespace keygate
