#include "gateway/access/postgres_key_store.hpp"

#include <boost/json/serialize.hpp>

#include "gateway/access/key_json.hpp"
#include "gateway/storage/pg_connection.hpp"

namespace keygate {

postgres_key_store::postgres_key_store(postgres_options options) : options_(std::move(options)) {}

postgres_key_store::~postgres_key_store() = default;

pg_connection& postgres_key_store::connection() {
  if (db_ && db_->ok()) return *db_;
  try {
    db_ = std::make_unique<pg_connection>(options_);
    db_->exec("CREATE TABLE IF NOT EXISTS virtual_keys (id TEXT PRIMARY KEY, doc TEXT NOT NULL)");
  } catch (const pg_error& error) {
    db_.reset();
    throw key_store_error(std::string("key store: ") + error.what());
  }
  return *db_;
}

std::vector<virtual_key> postgres_key_store::load() {
  std::lock_guard lock(mutex_);
  try {
    const auto rows = connection().exec("SELECT doc FROM virtual_keys");
    std::vector<virtual_key> keys;
    for (int i = 0; i < rows.size(); ++i)
      if (auto key = key_from_json(rows.text(i, 0))) keys.push_back(std::move(*key));
    return keys;
  } catch (const pg_error& error) {
    if (error.lost()) db_.reset();
    throw key_store_error(std::string("key store: ") + error.what());
  }
}

void postgres_key_store::save(const virtual_key& key) {
  std::lock_guard lock(mutex_);
  try {
    connection().exec(
        "INSERT INTO virtual_keys (id, doc) VALUES ($1, $2) "
        "ON CONFLICT (id) DO UPDATE SET doc = excluded.doc",
        {key.id, boost::json::serialize(key_to_json(key, true))});
  } catch (const pg_error& error) {
    if (error.lost()) db_.reset();
    throw key_store_error(std::string("key store: ") + error.what());
  }
}

}  // namespace keygate
