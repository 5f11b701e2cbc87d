#include "gateway/console/session_store.hpp"

#include "gateway/base/key_hash.hpp"
#include "gateway/console/owner.hpp"
#include "gateway/console/random_token.hpp"
#include "gateway/console/sql_statement.hpp"

namespace keygate::console {

namespace {

std::map<std::string, session, std::less<>> load_sessions(sqlite3* db, std::int64_t now_ms) {
  sql_statement(db, "DELETE FROM sessions WHERE expires_ms <= ?1").bind(1, now_ms).run();
  sql_statement rows(db,
                     "SELECT token_hash, owner, key_id, key_check, csrf_token, created_ms, "
                     "expires_ms FROM sessions");
  std::map<std::string, session, std::less<>> out;
  while (rows.step()) {
    session s{rows.text(0), rows.text(1),    rows.text(2),   rows.text(3),
              rows.text(4), rows.integer(5), rows.integer(6)};
    out.emplace(s.token_hash, std::move(s));
  }
  return out;
}

}  // namespace

std::string key_check_of(const caller& who) {
  if (who.key) return sha256_hex(who.key->hash);
  if (who.master && who.snapshot) return sha256_hex(who.snapshot->master_hash);
  return {};
}

session_store::session_store(db_pool& pool) : pool_(pool) {
  const std::int64_t now = unix_ms_now();
  by_hash_ = pool_.run_now([now](db_handles db) { return load_sessions(db.console, now); });
}

task<api_result<new_session>> session_store::create(const caller& who, std::int64_t now_ms) {
  new_session made;
  made.token = random_token(32);
  made.stored = {
      sha256_hex(made.token),      owner_of(who).id, who.key ? who.key->id : std::string(),
      key_check_of(who),           random_token(32), now_ms,
      now_ms + session_lifetime_ms};
  // Named: a lambda temporary inside co_await is destroyed twice by GCC 12.
  auto job = [s = made.stored](db_handles db) {
    sql_statement(db.console,
                  "INSERT INTO sessions (token_hash, owner, key_id, key_check, csrf_token, "
                  "created_ms, expires_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, s.token_hash)
        .bind(2, s.owner)
        .bind(3, s.key_id)
        .bind(4, s.key_check)
        .bind(5, s.csrf_token)
        .bind(6, s.created_ms)
        .bind(7, s.expires_ms)
        .run();
    return true;
  };
  auto written = co_await pool_.run(std::move(job));
  api_result<new_session> result;
  if (!written) {
    result.error = written.error;
    co_return result;
  }
  {
    std::lock_guard lock(mutex_);
    by_hash_[made.stored.token_hash] = made.stored;
  }
  result.value = std::move(made);
  co_return result;
}

std::optional<session> session_store::find(std::string_view token, std::int64_t now_ms) {
  const std::string hash = sha256_hex(token);
  std::lock_guard lock(mutex_);
  auto it = by_hash_.find(hash);
  if (it == by_hash_.end()) return std::nullopt;
  if (it->second.expires_ms > now_ms) return it->second;
  by_hash_.erase(it);
  pool_.post([hash](db_handles db) {
    sql_statement(db.console, "DELETE FROM sessions WHERE token_hash = ?1").bind(1, hash).run();
  });
  return std::nullopt;
}

void session_store::remove(std::string_view token_hash) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = by_hash_.find(token_hash); it != by_hash_.end()) by_hash_.erase(it);
  }
  pool_.post([hash = std::string(token_hash)](db_handles db) {
    sql_statement(db.console, "DELETE FROM sessions WHERE token_hash = ?1").bind(1, hash).run();
  });
}

std::optional<caller> session_store::resolve(const session& s,
                                             const std::shared_ptr<const key_snapshot>& keys,
                                             std::int64_t now_ms) {
  caller who;
  who.snapshot = keys;
  if (s.key_id.empty()) {
    who.master = !keys->master_hash.empty();
  } else if (auto it = keys->by_id.find(s.key_id); it != keys->by_id.end()) {
    const auto& key = it->second;
    if (!key->revoked && !key->expired(now_ms)) {
      who.key = key;
      if (!key->team.empty())
        if (auto t = keys->teams.find(key->team); t != keys->teams.end()) who.key_team = &t->second;
    }
  }
  if ((who.master || who.key) && key_check_of(who) == s.key_check) return who;
  remove(s.token_hash);
  return std::nullopt;
}

}  // namespace keygate::console
