// Every virtual key and team keygate knows, from the config file and from the admin API, looked up
// by the hash of the secret a client sends. Readers take an immutable snapshot (no lock on the
// request path); the rare writers build a new one.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gateway/base/shared_snapshot.hpp"
#include "gateway/config/access_options.hpp"

namespace keygate {

struct key_snapshot {
  std::unordered_map<std::string, std::shared_ptr<const virtual_key>> by_hash;
  std::map<std::string, std::shared_ptr<const virtual_key>, std::less<>> by_id;
  std::map<std::string, team, std::less<>> teams;
  std::string master_hash;
  bool auth_enabled = false;
};

class key_registry {
 public:
  key_registry();

  std::shared_ptr<const key_snapshot> current() const { return snapshot_.load(); }

  // The config file's keys, teams and master key (at start and on each reload).
  void set_config(const auth_options& auth);
  // Keys made through the admin API, as their store holds them (replaces all of them).
  void set_stored(std::vector<virtual_key> keys);
  // One key made or changed through the admin API.
  void put_stored(virtual_key key);
  // Teams made through the admin API: all of them, one made or changed, one deleted.
  void set_stored_teams(std::vector<team> teams);
  void put_stored_team(team t);
  void drop_stored_team(std::string_view id);

 private:
  void rebuild();  // under mutex_

  std::mutex mutex_;
  auth_options config_;
  std::map<std::string, virtual_key> stored_;  // by id
  std::map<std::string, team> stored_teams_;   // by id
  shared_snapshot<const key_snapshot> snapshot_;
};

}  // namespace keygate
