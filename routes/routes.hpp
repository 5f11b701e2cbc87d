// The HTTP endpoints. The router strips an optional /v1 prefix and dispatches here.
#pragma once

#include "gateway/exchange.hpp"
#include "gateway/worker_services.hpp"

namespace keygate {

task<void> handle_chat_completions(exchange& ex, worker_services& services);
task<void> handle_embeddings(exchange& ex, worker_services& services);
task<void> handle_models(exchange& ex, const worker_services& services);
task<void> handle_health(exchange& ex);
// Each deployment's state; 200 when every model has a deployment that takes requests, else 503.
task<void> handle_health_ready(exchange& ex, const worker_services& services);

// Routes one request; the worker's request handler. Each request holds the worker's services, so
// they outlive every request still suspended when the worker stops (see docs/coroutines.md).
task<void> route_request(exchange& ex, std::shared_ptr<worker_services> services);

}  // namespace keygate
