#include "gateway/storage/response_store.hpp"

#include <sqlite3.h>

namespace keygate {

namespace {

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void bind_text(sqlite3_stmt* statement, int at, std::string_view text) {
  // Not named bind: std::bind would win by argument-dependent lookup on a std::string.
  sqlite3_bind_text(statement, at, text.empty() ? "" : text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
}

std::string column(sqlite3_stmt* statement, int at) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, at));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, at)))
              : std::string();
}

}  // namespace

response_store::response_store(const std::string& path, std::chrono::hours retention)
    : db_(open_sqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)), retention_(retention) {
  sqlite3_busy_timeout(db_.get(), 2000);
  exec_sqlite(db_.get(), "PRAGMA journal_mode = WAL");
  exec_sqlite(db_.get(), "PRAGMA synchronous = NORMAL");
  exec_sqlite(db_.get(),
              "CREATE TABLE IF NOT EXISTS responses (id TEXT PRIMARY KEY, key_id TEXT NOT NULL,"
              " created_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL, response TEXT NOT NULL,"
              " input_items TEXT NOT NULL, conversation TEXT NOT NULL);"
              "CREATE INDEX IF NOT EXISTS responses_by_expiry ON responses (expires_ms);");
}

void response_store::save(const stored_response& response) {
  const auto now = now_ms();
  const auto expires =
      now + std::chrono::duration_cast<std::chrono::milliseconds>(retention_).count();
  std::lock_guard lock(mutex_);
  // Expired rows go as new ones come, so the table holds at most one retention period.
  auto sweep = prepare_sqlite(db_.get(), "DELETE FROM responses WHERE expires_ms < ?");
  sqlite3_bind_int64(sweep.get(), 1, now);
  run_sqlite(db_.get(), sweep.get(), "cannot remove expired responses");
  auto insert = prepare_sqlite(db_.get(),
                               "INSERT OR REPLACE INTO responses (id, key_id, created_ms,"
                               " expires_ms, response, input_items, conversation)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?)");
  bind_text(insert.get(), 1, response.id);
  bind_text(insert.get(), 2, response.key_id);
  sqlite3_bind_int64(insert.get(), 3, response.created_ms);
  sqlite3_bind_int64(insert.get(), 4, expires);
  bind_text(insert.get(), 5, response.response);
  bind_text(insert.get(), 6, response.input_items);
  bind_text(insert.get(), 7, response.conversation);
  run_sqlite(db_.get(), insert.get(), "cannot store a response");
}

std::optional<stored_response> response_store::find(std::string_view id, std::string_view key_id) {
  std::lock_guard lock(mutex_);
  auto select = prepare_sqlite(db_.get(),
                               "SELECT created_ms, response, input_items, conversation FROM"
                               " responses WHERE id = ? AND key_id = ? AND expires_ms >= ?");
  bind_text(select.get(), 1, id);
  bind_text(select.get(), 2, key_id);
  sqlite3_bind_int64(select.get(), 3, now_ms());
  const int rc = sqlite3_step(select.get());
  check_sqlite(rc, db_.get(), "cannot read a response");
  if (rc != SQLITE_ROW) return std::nullopt;
  stored_response out;
  out.id = id;
  out.key_id = key_id;
  out.created_ms = sqlite3_column_int64(select.get(), 0);
  out.response = column(select.get(), 1);
  out.input_items = column(select.get(), 2);
  out.conversation = column(select.get(), 3);
  return out;
}

bool response_store::remove(std::string_view id, std::string_view key_id) {
  std::lock_guard lock(mutex_);
  auto erase = prepare_sqlite(db_.get(), "DELETE FROM responses WHERE id = ? AND key_id = ?");
  bind_text(erase.get(), 1, id);
  bind_text(erase.get(), 2, key_id);
  run_sqlite(db_.get(), erase.get(), "cannot delete a response");
  return sqlite3_changes(db_.get()) > 0;
}

}  // namespace keygate
