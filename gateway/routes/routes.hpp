// The HTTP endpoints. The router strips an optional /v1 prefix and dispatches here.
#pragma once

#include "gateway/access/authenticate.hpp"
#include "gateway/canonical/client_dialect.hpp"
#include "gateway/console/console_services.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

task<void> handle_chat_completions(exchange& ex, worker_services& services, const caller& who);
task<void> handle_embeddings(exchange& ex, worker_services& services, const caller& who);
// POST /v1/completions, /v1/rerank, /v1/images/generations, /v1/audio/speech,
// /v1/audio/transcriptions and /v1/audio/translations: the endpoints served only by providers that
// speak them (docs/endpoints.md).
task<void> handle_endpoint(exchange& ex, worker_services& services, const caller& who,
                           client_dialect dialect);
// POST /v1/messages: Anthropic's Messages API (docs/front-doors.md).
task<void> handle_messages(exchange& ex, worker_services& services, const caller& who);
// POST /v1/messages/count_tokens: Anthropic's count, or keygate's estimate (docs/front-doors.md).
task<void> handle_count_tokens(exchange& ex, worker_services& services, const caller& who);
// /v1/responses: POST makes a response (OpenAI's Responses API); /v1/responses/{id} reads (GET) or
// deletes (DELETE) a stored one, /v1/responses/{id}/input_items lists its input. `rest` is what
// follows /responses.
task<void> handle_responses(exchange& ex, worker_services& services, const caller& who,
                            std::string_view rest);
// GET /v1/models: the models the key may use, in Anthropic's list shape when the request carries
// anthropic-version, else in OpenAI's.
task<void> handle_models(exchange& ex, const worker_services& services, const caller& who);
// /admin/...: the admin API (docs/admin-api.md). Spend, requests, budgets and the live tail for
// any key (a virtual key sees its own); the rest for the master key only. `path` has no /admin
// prefix.
task<void> handle_admin(exchange& ex, worker_services& services, const caller& who,
                        std::string_view path);
task<void> handle_health(exchange& ex);
// Each deployment's state; 200 when every model has a deployment that takes requests, else 503.
task<void> handle_health_ready(exchange& ex, const worker_services& services);

// /metrics: every metric in Prometheus's text format (docs/metrics.md).
task<void> handle_metrics(exchange& ex, const routing_store& store, shared_services& shared);
// The separate metrics port's handler, when the config asks for one: /metrics and /health.
task<void> dispatch_metrics_port(exchange& ex, const routing_store& store, shared_services& shared);

// Routes one request; the worker's request handler. Each request holds the worker's services, so
// they outlive every request still suspended when the worker stops (see docs/coroutines.md).
// `console` (null: turned off) outlives the server.
task<void> dispatch_request(exchange& ex, std::shared_ptr<worker_services> services,
                            console::console_services* console = nullptr);

}  // namespace keygate
