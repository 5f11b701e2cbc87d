// API-made keys and teams in the PostgreSQL ledger's database (one JSON document per key or team),
// for several instances that share the ledger but not Redis. Instances reload them every second.
#pragma once

#include <memory>
#include <mutex>

#include "gateway/access/key_store.hpp"
#include "gateway/config/access_options.hpp"

namespace keygate {

class pg_connection;

class postgres_key_store final : public key_store {
 public:
  // Connects on first use (and again after a lost connection); never throws here.
  explicit postgres_key_store(postgres_options options);
  ~postgres_key_store() override;

  std::vector<virtual_key> load() override;
  void save(const virtual_key& key) override;
  std::vector<team> load_teams() override;
  void save_team(const team& t) override;
  void remove_team(const std::string& id) override;

 private:
  pg_connection& connection();  // under mutex_; throws key_store_error
  // Runs `work` on the connection under mutex_; a PostgreSQL error becomes key_store_error.
  template <class F>
  auto with_connection(F&& work);

  const postgres_options options_;
  std::mutex mutex_;
  std::unique_ptr<pg_connection> db_;
};

}  // namespace keygate
