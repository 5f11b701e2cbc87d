#include "gateway/access/sqlite_key_store.hpp"

#include <sqlite3.h>

#include <boost/json/serialize.hpp>

#include "gateway/access/key_json.hpp"
#include "gateway/access/team_json.hpp"

namespace keygate {

namespace {

class statement {
 public:
  statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw key_store_error(std::string("key store: ") + sqlite3_errmsg(db));
  }
  ~statement() { sqlite3_finalize(stmt_); }
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;
  sqlite3_stmt* get() { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

sqlite_key_store::sqlite_key_store(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw key_store_error("cannot open " + path + ": " + why);
  }
  sqlite3_busy_timeout(db_, 2000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
  exec("CREATE TABLE IF NOT EXISTS virtual_keys (id TEXT PRIMARY KEY, doc TEXT NOT NULL)");
  exec("CREATE TABLE IF NOT EXISTS api_teams (id TEXT PRIMARY KEY, doc TEXT NOT NULL)");
}

sqlite_key_store::~sqlite_key_store() {
  sqlite3_close(db_);
}

void sqlite_key_store::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string why = error ? error : "unknown error";
    sqlite3_free(error);
    throw key_store_error("key store: " + why);
  }
}

std::vector<virtual_key> sqlite_key_store::load() {
  std::lock_guard lock(mutex_);
  statement select(db_, "SELECT doc FROM virtual_keys");
  std::vector<virtual_key> keys;
  int rc;
  while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
    auto* text = reinterpret_cast<const char*>(sqlite3_column_text(select.get(), 0));
    if (auto key = key_from_json(text ? text : "")) keys.push_back(std::move(*key));
  }
  if (rc != SQLITE_DONE) throw key_store_error(std::string("key store: ") + sqlite3_errmsg(db_));
  return keys;
}

void sqlite_key_store::save(const virtual_key& key) {
  std::lock_guard lock(mutex_);
  statement upsert(db_, "INSERT OR REPLACE INTO virtual_keys (id, doc) VALUES (?, ?)");
  const std::string doc = boost::json::serialize(key_to_json(key, true));
  sqlite3_bind_text(upsert.get(), 1, key.id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(upsert.get(), 2, doc.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(upsert.get()) != SQLITE_DONE)
    throw key_store_error(std::string("key store: ") + sqlite3_errmsg(db_));
}

std::vector<team> sqlite_key_store::load_teams() {
  std::lock_guard lock(mutex_);
  statement select(db_, "SELECT doc FROM api_teams");
  std::vector<team> teams;
  int rc;
  while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
    auto* text = reinterpret_cast<const char*>(sqlite3_column_text(select.get(), 0));
    if (auto t = team_from_json(text ? text : "")) teams.push_back(std::move(*t));
  }
  if (rc != SQLITE_DONE) throw key_store_error(std::string("key store: ") + sqlite3_errmsg(db_));
  return teams;
}

void sqlite_key_store::save_team(const team& t) {
  std::lock_guard lock(mutex_);
  statement upsert(db_, "INSERT OR REPLACE INTO api_teams (id, doc) VALUES (?, ?)");
  const std::string doc = boost::json::serialize(team_to_json(t));
  sqlite3_bind_text(upsert.get(), 1, t.id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(upsert.get(), 2, doc.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(upsert.get()) != SQLITE_DONE)
    throw key_store_error(std::string("key store: ") + sqlite3_errmsg(db_));
}

void sqlite_key_store::remove_team(const std::string& id) {
  std::lock_guard lock(mutex_);
  statement remove(db_, "DELETE FROM api_teams WHERE id = ?");
  sqlite3_bind_text(remove.get(), 1, id.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(remove.get()) != SQLITE_DONE)
    throw key_store_error(std::string("key store: ") + sqlite3_errmsg(db_));
}

}  // namespace keygate
