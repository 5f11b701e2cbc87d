#include <boost/json/object.hpp>
#include <chrono>

#include "gateway/chat_request.hpp"
#include "gateway/error_response.hpp"
#include "gateway/logging.hpp"
#include "routes/routes.hpp"
#include "translators/provider.hpp"
#include "translators/registry.hpp"

namespace keygate {

namespace {

void log_request(const exchange& ex, const chat_request& request, const deployment* target,
                 const chat_outcome& outcome) {
  if (!access_log_enabled()) return;
  auto elapsed = std::chrono::steady_clock::now() - ex.started_at();
  boost::json::object record{
      {"request_id", ex.request_id()},
      {"route", "chat.completions"},
      {"model", request.model},
      {"deployment", target ? boost::json::value(target->id) : boost::json::value(nullptr)},
      {"stream", request.stream},
      {"status", outcome.status},
      {"prompt_tokens", outcome.usage.prompt},
      {"completion_tokens", outcome.usage.completion},
      {"usage_known", outcome.usage.known},
      {"latency_us", std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()}};
  if (!outcome.error_code.empty()) record["error"] = outcome.error_code;
  if (outcome.client_gone) record["client_gone"] = true;
  log_access(std::move(record));
}

}  // namespace

task<void> handle_chat_completions(exchange& ex, worker_services& services) {
  chat_request request;
  if (auto error = parse_chat_request(ex.request().body(), request)) {
    co_await respond_error(ex, *error);
    log_request(ex, request, nullptr, {error->status, {}, error->code.value_or(""), false, false});
    co_return;
  }
  const model_route* route = services.cfg->find_model(request.model);
  if (!route) {
    auto error = model_not_found(request.model);
    co_await respond_error(ex, error);
    log_request(ex, request, nullptr, {404, {}, "model_not_found", false, false});
    co_return;
  }
  chat_call call{ex, request, route->target, services.upstream, {}};
  co_await provider_for(route->target.provider).chat(call);
  log_request(ex, request, &route->target, call.outcome);
}

}  // namespace keygate
