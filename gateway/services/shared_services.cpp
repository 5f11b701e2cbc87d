#include "gateway/services/shared_services.hpp"

#include <condition_variable>
#include <set>

#include "gateway/access/authenticate.hpp"
#include "gateway/access/postgres_key_store.hpp"
#include "gateway/access/redis_key_store.hpp"
#include "gateway/access/sqlite_key_store.hpp"
#include "gateway/accounting/ledger.hpp"
#include "gateway/accounting/postgres_ledger.hpp"
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
  std::map<std::int64_t, ledger_store::spend_totals> by_start;
  auto spent_since = [&](std::int64_t start) -> const ledger_store::spend_totals& {
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
      services.keys.set_stored_teams(services.stored_keys->load_teams());
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
    if (cfg.ledger.postgres.enabled())
      services.ledger = std::make_unique<postgres_ledger>(
          postgres_ledger_options{.postgres = cfg.ledger.postgres,
                                  .spool_path = cfg.ledger.spool_path,
                                  .refuse_on_failure = cfg.ledger.refuse_on_failure,
                                  .retention_days = cfg.ledger.retention_days});
    else
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
  } else if (!cfg.ledger.path.empty() && cfg.ledger.postgres.enabled()) {
    services.stored_keys = std::make_unique<postgres_key_store>(cfg.ledger.postgres);
  } else if (!cfg.ledger.path.empty()) {
    services.stored_keys = std::make_unique<sqlite_key_store>(cfg.ledger.path);
  }
  // Keys other instances make reach this one through the sync below.
  const bool shared_keys =
      cfg.redis.enabled() || (services.stored_keys && cfg.ledger.postgres.enabled());
  if (services.stored_keys) {
    try {
      services.keys.set_stored_teams(services.stored_keys->load_teams());
      services.keys.set_stored(services.stored_keys->load());
    } catch (const key_store_error& e) {
      // A shared store may come later; the sync keeps trying. A local store that fails is fatal.
      if (!shared_keys) throw;
      log_warn("stored keys not loaded yet", {{"reason", e.what()}});
    }
  }
  if (services.ledger && !cfg.redis.enabled()) {
    try {
      restore_spend(services);
    } catch (const std::exception& e) {
      // Only a shared ledger can be away; a local one that cannot be read fails above.
      if (!cfg.ledger.postgres.enabled()) throw;
      log_warn("budgets start from zero: the ledger cannot be read", {{"reason", e.what()}});
    }
  }
  if (shared_keys)
    services.key_sync =
        std::jthread([&services](std::stop_token stop) { sync_keys(stop, services); });
}

}  // namespace keygate
