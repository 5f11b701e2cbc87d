// What every worker shares for the process's life: the keys, the API-made keys' store (local
// SQLite, Redis or PostgreSQL), the spend ledger (SQLite or PostgreSQL) and the limiter's counters
// (unless they live in Redis).
#pragma once

#include <functional>
#include <memory>
#include <thread>

#include "gateway/access/key_registry.hpp"
#include "gateway/access/key_store.hpp"
#include "gateway/accounting/live_feed.hpp"
#include "gateway/config/config.hpp"
#include "gateway/engine/routing_store.hpp"
#include "gateway/limits/local_limiter.hpp"
#include "gateway/services/response_cache.hpp"
#include "gateway/storage/response_store.hpp"

namespace keygate {

class ledger_store;

struct shared_services {
  shared_services();
  ~shared_services();

  key_registry keys;
  std::unique_ptr<key_store> stored_keys;  // null: the admin API cannot make keys
  std::unique_ptr<ledger_store> ledger;    // SQLite or PostgreSQL; null: no ledger
  // Stored Responses answers, in the ledger's database; null without a ledger.
  std::unique_ptr<response_store> responses;
  local_limiter local_limits;
  // Finished requests for the admin's live tail; costs nothing while nobody watches.
  live_feed live;
  // The response cache's memory and the identical requests in flight (docs/caching.md).
  memory_answer_cache answer_cache{response_cache_options{}.max_bytes};
  answer_flights in_flight_answers;
  // A worker's own limiter, on its io_context (a Redis one); unset: every worker uses local_limits.
  std::function<std::unique_ptr<limiter>(net::io_context&)> make_limiter;
  // Reads the config file again and applies it unless it has problems (what SIGHUP does); set by
  // the program once the server runs. POST /admin/config/reload calls it.
  std::function<routing_store::reload_result()> reload_config;
  // Reloads the stored keys now and then, when other instances share the store (Redis or
  // PostgreSQL). Last, so it stops before what it uses goes.
  std::jthread key_sync;
};

// Opens the ledger and the key store, loads the stored keys, restores each budget's spend in its
// current period from the ledger (when the counters are this process's own), and with Redis makes
// the workers' limiters shared ones and starts the key sync. Throws std::runtime_error.
void start_shared_services(shared_services& services, const config& cfg);

}  // namespace keygate
