#include "gateway/routes/admin_models.hpp"

#include <boost/json/serialize.hpp>

#include "gateway/access/authenticate.hpp"
#include "gateway/accounting/deployment_price.hpp"
#include "gateway/accounting/ledger_store.hpp"
#include "gateway/config/startup_summary.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/routes/admin_scope.hpp"

namespace keygate {

namespace {

namespace json = boost::json;

constexpr std::int64_t stats_window_ms = 5 * 60'000;

json::array names(const std::vector<const routed_group*>& groups) {
  json::array out;
  for (const auto* g : groups) out.push_back(json::string(g->config->name));
  return out;
}

json::value percentiles_json(const std::optional<percentiles>& p) {
  if (!p) return json::object{{"p50", nullptr}, {"p95", nullptr}};
  return json::object{{"p50", p->p50}, {"p95", p->p95}};
}

json::value price_json(const deployment& d) {
  const token_prices* price = price_for(d);
  if (!price) return nullptr;
  return json::object{{"input_per_million", price->input},
                      {"output_per_million", price->output},
                      {"cached_input_per_million", price->cached_input.value_or(price->input)}};
}

json::object deployment_json(const routed_deployment& d, const deployment_stats* stats,
                             std::int64_t now_ms) {
  const auto now = deployment_health::clock::now();
  const auto state = d.health->current_state(now);
  json::object out;
  out["id"] = d.config->id;
  out["provider"] = d.config->provider;
  out["model"] = d.config->model;
  out["state"] = to_string(state);
  if (state == deployment_health::state::cooling_down) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(d.health->cooldown_remaining(now));
    out["cooldown_until"] = now_ms + left.count();
  } else {
    out["cooldown_until"] = nullptr;
  }
  json::object failures;
  if (stats)
    for (const auto& [kind, count] : stats->failures) failures[kind] = count;
  out["recent_failures"] = std::move(failures);
  out["in_flight"] = d.health->in_flight.load();
  out["latency_ms"] = percentiles_json(stats ? stats->latency_ms : std::nullopt);
  out["ttft_ms"] = percentiles_json(stats ? stats->ttft_ms : std::nullopt);
  out["price"] = price_json(*d.config);
  return out;
}

}  // namespace

task<void> handle_admin_models(exchange& ex, worker_services& services) {
  if (ex.request().method() != http::verb::get) {
    const openai_error error{405, "Use GET.", "invalid_request_error", std::nullopt,
                             std::string("method_not_allowed")};
    co_return co_await respond_error(ex, error);
  }
  const auto table = services.store.current();
  const std::int64_t now_ms = unix_ms_now();
  std::map<std::string, deployment_stats> stats;
  std::optional<openai_error> problem;
  try {
    if (services.shared.ledger)
      stats = services.shared.ledger->recent_deployment_stats(now_ms - stats_window_ms);
  } catch (const ledger_unsupported&) {
    // The PostgreSQL ledger: the models and their prices, without the recent figures (null).
  } catch (const std::exception& e) {
    problem = ledger_read_error(e);
  }
  if (problem) co_return co_await respond_error(ex, *problem);
  json::array data;
  for (const auto& group : table->groups()) {
    json::array deployments;
    for (const auto& d : group.deployments) {
      auto it = stats.find(d.config->id);
      deployments.push_back(deployment_json(d, it == stats.end() ? nullptr : &it->second, now_ms));
    }
    json::object g;
    g["name"] = group.config->name;
    g["strategy"] = strategy_name(group.config->strategy);
    g["retries"] = group.config->retries;
    g["fallbacks"] = names(group.fallbacks);
    g["context_window_fallbacks"] = names(group.context_window_fallbacks);
    g["content_policy_fallbacks"] = names(group.content_policy_fallbacks);
    g["deployments"] = std::move(deployments);
    data.push_back(std::move(g));
  }
  json::object body;  // named: see docs/coroutines.md
  body["object"] = "list";
  body["data"] = std::move(data);
  co_await ex.respond(http::status::ok, json::serialize(body));
}

}  // namespace keygate
