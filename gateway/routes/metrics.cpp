#include "gateway/http/error_response.hpp"
#include "gateway/routes/routes.hpp"
#include "gateway/services/exposition.hpp"

namespace keygate {

namespace {

task<void> unknown_path(exchange& ex) {
  const std::string path(ex.request().target().substr(0, ex.request().target().find('?')));
  const openai_error error{404, "Unknown path " + path + ".", "invalid_request_error", std::nullopt,
                           std::string("unknown_url")};
  co_await respond_error(ex, error);
}

// The 401 or 403 when /metrics needs the master key and the caller did not send it.
std::optional<openai_error> refuse_non_master(const exchange& ex, const shared_services& shared) {
  caller who;
  if (auto error = authenticate(ex.request(), shared.keys.current(), unix_ms_now(), who))
    return error;
  if (who.master) return std::nullopt;
  return openai_error{403, "/metrics needs the master key.", "invalid_request_error", std::nullopt,
                      std::string("master_key_required")};
}

}  // namespace

task<void> handle_metrics(exchange& ex, const routing_store& store, shared_services& shared) {
  const auto table = store.current();
  const auto& options = table->cfg().metrics;
  if (!options.enabled) co_return co_await unknown_path(ex);
  const auto method = ex.request().method();
  if (method != http::verb::get && method != http::verb::head) {
    ex.extra_headers().set(http::field::allow, "GET");
    const openai_error error{405, "Use GET.", "invalid_request_error", std::nullopt,
                             std::string("method_not_allowed")};
    co_return co_await respond_error(ex, error);
  }
  if (options.require_master_key) {
    if (auto error = refuse_non_master(ex, shared)) co_return co_await respond_error(ex, *error);
  }
  co_await ex.respond(http::status::ok, metrics::exposition_text(store, shared),
                      metrics::exposition_content_type);
}

task<void> dispatch_metrics_port(exchange& ex, const routing_store& store,
                                 shared_services& shared) {
  const auto target = ex.request().target();
  const auto path = target.substr(0, target.find('?'));
  if (path == "/metrics") co_return co_await handle_metrics(ex, store, shared);
  if (path == "/health") co_return co_await handle_health(ex);
  co_await unknown_path(ex);
}

}  // namespace keygate
