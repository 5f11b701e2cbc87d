// The HTTP endpoints. The router strips an optional /v1 prefix and dispatches here.
#pragma once

#include "gateway/exchange.hpp"
#include "gateway/worker_services.hpp"

namespace keygate {

task<void> handle_chat_completions(exchange& ex, worker_services& services);
task<void> handle_models(exchange& ex, const worker_services& services);
task<void> handle_health(exchange& ex);

// Routes one request; the worker's request handler.
task<void> route_request(exchange& ex, worker_services& services);

}  // namespace keygate
