// API-made keys in a SQLite table (one JSON document per key) beside the spend ledger.
#pragma once

#include <mutex>
#include <string>

#include "gateway/access/key_store.hpp"

struct sqlite3;

namespace keygate {

class sqlite_key_store final : public key_store {
 public:
  explicit sqlite_key_store(const std::string& path);  // throws key_store_error
  ~sqlite_key_store() override;
  sqlite_key_store(const sqlite_key_store&) = delete;
  sqlite_key_store& operator=(const sqlite_key_store&) = delete;

  std::vector<virtual_key> load() override;
  void save(const virtual_key& key) override;
  std::vector<team> load_teams() override;
  void save_team(const team& t) override;
  void remove_team(const std::string& id) override;

 private:
  void exec(const char* sql);

  std::mutex mutex_;
  sqlite3* db_ = nullptr;
};

}  // namespace keygate
