#include "gateway/services/state_metrics.hpp"

#include "gateway/access/authenticate.hpp"
#include "gateway/access/key_labels.hpp"
#include "gateway/accounting/ledger_store.hpp"
#include "gateway/engine/routing_store.hpp"
#include "gateway/limits/budget_period.hpp"
#include "gateway/services/shared_services.hpp"

namespace keygate::metrics {

namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

void keep(std::vector<MetricFamily>& out, MetricFamily f) {
  if (!f.metric.empty()) out.push_back(std::move(f));
}

MetricFamily family(std::string name, std::string help, MetricType type) {
  return MetricFamily{std::move(name), std::move(help), type, {}};
}

void add(MetricFamily& f, std::vector<prometheus::ClientMetric::Label> labels, double value) {
  ClientMetric m;
  m.label = std::move(labels);
  if (f.type == MetricType::Counter)
    m.counter.value = value;
  else
    m.gauge.value = value;
  f.metric.push_back(std::move(m));
}

void add_deployments(const routing_store& store, std::vector<MetricFamily>& out) {
  auto healthy =
      family("keygate_deployment_healthy",
             "1 while a deployment takes requests, 0 while it cools down after failures.",
             MetricType::Gauge);
  auto cooldowns = family("keygate_deployment_cooldowns_total",
                          "Times a deployment was sent into a cooldown since keygate started.",
                          MetricType::Counter);
  const auto now = deployment_health::clock::now();
  const auto table = store.current();
  for (const auto& group : table->groups()) {
    for (const auto& d : group.deployments) {
      std::vector<ClientMetric::Label> labels{{"model", group.config->name},
                                              {"provider", d.config->provider},
                                              {"deployment", d.config->id}};
      const bool cooling = d.health->current_state(now) == deployment_health::state::cooling_down;
      add(healthy, labels, cooling ? 0 : 1);
      add(cooldowns, labels, static_cast<double>(d.health->cooldowns.load()));
    }
  }
  keep(out, std::move(healthy));
  keep(out, std::move(cooldowns));
}

// Budgets whose counters live in this process (not in Redis, which another instance shares).
void add_budgets(const shared_services& shared, std::vector<MetricFamily>& out) {
  auto keys = family("keygate_key_budget_remaining_usd",
                     "What a key may still spend in its budget's current period, in US dollars.",
                     MetricType::Gauge);
  auto teams = family("keygate_team_budget_remaining_usd",
                      "What a team may still spend in its budget's current period, in US dollars.",
                      MetricType::Gauge);
  const auto snapshot = shared.keys.current();
  const auto now = unix_ms_now();
  auto remaining = [&](char scope, const std::string& id, const budget& b) {
    const auto window = period_at(b.period, now);
    const std::string counter = std::string(1, scope) + ":" + id + ":b:" + window.label;
    return static_cast<double>(b.limit_nanos - shared.local_limits.spent(counter)) / 1e9;
  };
  for (const auto& [id, key] : snapshot->by_id) {
    if (!key->budget || key->revoked || key->expired(now)) continue;
    add(keys,
        {{"key", key->id},
         {"key_alias", alias_label(*key)},
         {"team", std::string(team_label(key->team))}},
        remaining('k', id, *key->budget));
  }
  for (const auto& [id, t] : snapshot->teams)
    if (t.budget) add(teams, {{"team", id}}, remaining('t', id, *t.budget));
  keep(out, std::move(keys));
  keep(out, std::move(teams));
}

}  // namespace

std::vector<MetricFamily> state_families(const routing_store& store,
                                         const shared_services& shared) {
  std::vector<MetricFamily> out;
  add_deployments(store, out);
  auto reloads = family("keygate_config_reloads_total",
                        "Configuration reloads since keygate started: applied, or refused (the "
                        "running configuration stayed).",
                        MetricType::Counter);
  add(reloads, {{"result", "applied"}}, static_cast<double>(store.reloads()));
  add(reloads, {{"result", "refused"}}, static_cast<double>(store.failed_reloads()));
  keep(out, std::move(reloads));
  if (!shared.make_limiter) add_budgets(shared, out);
  auto watchers = family("keygate_admin_live_watchers",
                         "Clients watching the admin's live tail (GET /admin/live) right now.",
                         MetricType::Gauge);
  add(watchers, {}, static_cast<double>(shared.live.watchers()));
  keep(out, std::move(watchers));
  auto cache_bytes =
      family("keygate_cache_bytes", "Bytes the response cache holds in this process's memory.",
             MetricType::Gauge);
  add(cache_bytes, {}, static_cast<double>(shared.answer_cache.bytes()));
  keep(out, std::move(cache_bytes));
  auto cache_entries =
      family("keygate_cache_entries", "Answers the response cache holds in this process's memory.",
             MetricType::Gauge);
  add(cache_entries, {}, static_cast<double>(shared.answer_cache.entries()));
  keep(out, std::move(cache_entries));
  if (shared.ledger) {
    auto queue =
        family("keygate_ledger_queue_depth",
               "Ledger records appended and not yet committed to disk.", MetricType::Gauge);
    add(queue, {}, static_cast<double>(shared.ledger->queued()));
    keep(out, std::move(queue));
    auto spool = family("keygate_ledger_spool_depth",
                        "Ledger records kept on local disk until the shared (PostgreSQL) ledger "
                        "takes them; 0 for a local ledger.",
                        MetricType::Gauge);
    add(spool, {}, static_cast<double>(shared.ledger->spooled()));
    keep(out, std::move(spool));
  }
  return out;
}

}  // namespace keygate::metrics
