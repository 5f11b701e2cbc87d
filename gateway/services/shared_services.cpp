#include "gateway/services/shared_services.hpp"

#include <condition_variable>
#include <set>

#include "gateway/access/authenticate.hpp"
#include "gateway/access/redis_key_store.hpp"
#include "gateway/access/sqlite_key_store.hpp"
#include "gateway/accounting/ledger.hpp"
#include "gateway/limits/budget_period.hpp"
#include "gateway/limits/redis_limiter.hpp"
#include "gateway/logging/logging.hpp"

namespace keygate {

namespace {

constexpr auto key_sync_interval = std::chrono::seconds(1);

// Each budget's spend so far in its period, from the ledger, into the in-process counters.
void restore_spend(shared_services& services) {
  const auto snapshot = services.keys.current();
  const std::int64_t now = unix_ms_now();
  std::map<std::int64_t, ledger::spend_totals> by_start;
  auto spent_since = [&](std::int64_t start) -> const ledger::spend_totals& {
    auto it = by_start.find(start);
    if (it == by_start.end())
      it = by_start.emplace(start, services.ledger->spend_since(start)).first;
    return it->second;
  };
  for (const auto& [id, key] : snapshot->by_id) {
    if (!key->budget) continue;
    const auto window = period_at(key->budget->period, now);
    const auto& totals = spent_since(window.start_ms);
    if (auto it = totals.by_key.find(id); it != totals.by_key.end())
      services.local_limits.add_spent("k:" + std::string(id) + ":b:" + window.label, it->second);
  }
  for (const auto& [id, t] : snapshot->teams) {
    if (!t.budget) continue;
    const auto window = period_at(t.budget->period, now);
    const auto& totals = spent_since(window.start_ms);
    if (auto it = totals.by_team.find(id); it != totals.by_team.end())
      services.local_limits.add_spent("t:" + std::string(id) + ":b:" + window.label, it->second);
  }
}

void sync_keys(std::stop_token stop, shared_services& services) {
  std::mutex mutex;
  std::condition_variable_any wake;
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(mutex);
      wake.wait_for(lock, stop, key_sync_interval, [] { return false; });
    }
    if (stop.stop_requested()) return;
    try {
      services.keys.set_stored(services.stored_keys->load());
    } catch (const key_store_error& e) {
      log_warn("key sync failed; the keys known stay", {{"reason", e.what()}});
    }
  }
}

}  // namespace

shared_services::shared_services() = default;
shared_services::~shared_services() = default;

void start_shared_services(shared_services& services, const config& cfg) {
  services.keys.set_config(cfg.auth);
  services.answer_cache.set_max_bytes(cfg.cache.max_bytes);
  if (!cfg.ledger.path.empty()) {
    services.ledger = std::make_unique<ledger>(ledger_options{cfg.ledger.path});
    services.responses = std::make_unique<response_store>(
        cfg.ledger.path, std::chrono::hours(24) * cfg.ledger.response_retention_days);
  }
  if (cfg.redis.enabled()) {
    services.stored_keys = std::make_unique<redis_key_store>(cfg.redis);
    const redis_options options = cfg.redis;
    services.make_limiter = [options](net::io_context& io) -> std::unique_ptr<limiter> {
      return std::make_unique<redis_limiter>(io, options);
    };
  } else if (!cfg.ledger.path.empty()) {
    services.stored_keys = std::make_unique<sqlite_key_store>(cfg.ledger.path);
  }
  if (services.stored_keys) {
    try {
      services.keys.set_stored(services.stored_keys->load());
    } catch (const key_store_error& e) {
      // Redis may come later; the sync keeps trying. A local store that fails is fatal.
      if (!cfg.redis.enabled()) throw;
      log_warn("stored keys not loaded yet", {{"reason", e.what()}});
    }
  }
  if (services.ledger && !cfg.redis.enabled()) restore_spend(services);
  if (cfg.redis.enabled())
    services.key_sync =
        std::jthread([&services](std::stop_token stop) { sync_keys(stop, services); });
}

}  // namespace keygate
