#include "gateway/access/postgres_key_store.hpp"

#include <boost/json/serialize.hpp>

#include "gateway/access/key_json.hpp"
#include "gateway/access/team_json.hpp"
#include "gateway/storage/pg_connection.hpp"

namespace keygate {

postgres_key_store::postgres_key_store(postgres_options options) : options_(std::move(options)) {}

postgres_key_store::~postgres_key_store() = default;

pg_connection& postgres_key_store::connection() {
  if (db_ && db_->ok()) return *db_;
  try {
    db_ = std::make_unique<pg_connection>(options_);
    db_->exec("CREATE TABLE IF NOT EXISTS virtual_keys (id TEXT PRIMARY KEY, doc TEXT NOT NULL)");
    db_->exec("CREATE TABLE IF NOT EXISTS api_teams (id TEXT PRIMARY KEY, doc TEXT NOT NULL)");
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

template <class F>
auto postgres_key_store::with_connection(F&& work) {
  std::lock_guard lock(mutex_);
  try {
    return work(connection());
  } catch (const pg_error& error) {
    if (error.lost()) db_.reset();
    throw key_store_error(std::string("key store: ") + error.what());
  }
}

std::vector<team> postgres_key_store::load_teams() {
  return with_connection([](pg_connection& db) {
    const auto rows = db.exec("SELECT doc FROM api_teams");
    std::vector<team> teams;
    for (int i = 0; i < rows.size(); ++i)
      if (auto t = team_from_json(rows.text(i, 0))) teams.push_back(std::move(*t));
    return teams;
  });
}

void postgres_key_store::save_team(const team& t) {
  with_connection([&](pg_connection& db) {
    db.exec(
        "INSERT INTO api_teams (id, doc) VALUES ($1, $2) "
        "ON CONFLICT (id) DO UPDATE SET doc = excluded.doc",
        {t.id, boost::json::serialize(team_to_json(t))});
  });
}

void postgres_key_store::remove_team(const std::string& id) {
  with_connection([&](pg_connection& db) { db.exec("DELETE FROM api_teams WHERE id = $1", {id}); });
}

}  // namespace keygate
