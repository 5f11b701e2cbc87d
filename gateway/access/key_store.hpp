// Where keys and teams made through the admin API live between restarts: a SQLite table on one
// instance, or Redis when several instances share them. Calls block briefly; the admin API and the
// key sync use them, never the request path.
#pragma once

#include <stdexcept>
#include <vector>

#include "gateway/config/access_options.hpp"

namespace keygate {

class key_store {
 public:
  virtual ~key_store() = default;
  // Throws key_store_error when the store cannot be read.
  virtual std::vector<virtual_key> load() = 0;
  // Creates or replaces one key. Throws key_store_error.
  virtual void save(const virtual_key& key) = 0;
  // Teams made through the admin API, kept beside the keys. Throw key_store_error.
  virtual std::vector<team> load_teams() = 0;
  virtual void save_team(const team& t) = 0;
  virtual void remove_team(const std::string& id) = 0;
};

class key_store_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace keygate
