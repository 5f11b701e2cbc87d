#include "gateway/accounting/ledger_lookups.hpp"

#include <sqlite3.h>

#include "gateway/storage/sqlite.hpp"

namespace keygate {

namespace {

void bind_text(sqlite3_stmt* s, int index, std::string_view value) {
  sqlite3_bind_text64(s, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

std::int64_t sum_cost(sqlite3* db, const char* sql, std::string_view who, std::int64_t since) {
  auto statement = prepare_sqlite(db, sql);
  bind_text(statement.get(), 1, who);
  sqlite3_bind_int64(statement.get(), 2, since);
  const int rc = sqlite3_step(statement.get());
  check_sqlite(rc, db, "cannot read a spend");
  return rc == SQLITE_ROW ? sqlite3_column_int64(statement.get(), 0) : 0;
}

}  // namespace

std::optional<request_figures> read_request_figures(sqlite3* db, std::string_view request_id,
                                                    std::string_view key_id) {
  auto statement = prepare_sqlite(db, R"sql(
    SELECT prompt_tokens, completion_tokens, cached_tokens, cache_write_tokens, reasoning_tokens,
           usage_known, cost_nanos, ttft_ms, latency_ms, deployment, attempts, status
    FROM requests WHERE request_id = ?1 AND key_id = ?2 ORDER BY id DESC LIMIT 1
  )sql");
  sqlite3_stmt* s = statement.get();
  bind_text(s, 1, request_id);
  bind_text(s, 2, key_id);
  const int rc = sqlite3_step(s);
  check_sqlite(rc, db, "cannot read a request");
  if (rc != SQLITE_ROW) return std::nullopt;
  request_figures f;
  f.usage.prompt = sqlite3_column_int64(s, 0);
  f.usage.completion = sqlite3_column_int64(s, 1);
  f.usage.cached = sqlite3_column_int64(s, 2);
  f.usage.cache_write = sqlite3_column_int64(s, 3);
  f.usage.reasoning = sqlite3_column_int64(s, 4);
  f.usage.known = sqlite3_column_int(s, 5) != 0;
  if (sqlite3_column_type(s, 6) != SQLITE_NULL) f.cost_nanos = sqlite3_column_int64(s, 6);
  if (sqlite3_column_type(s, 7) != SQLITE_NULL) f.ttft_ms = sqlite3_column_double(s, 7);
  f.total_ms = sqlite3_column_double(s, 8);
  if (auto text = sqlite3_column_text(s, 9))
    f.deployment.assign(reinterpret_cast<const char*>(text),
                        static_cast<std::size_t>(sqlite3_column_bytes(s, 9)));
  f.attempts = sqlite3_column_int(s, 10);
  f.status = sqlite3_column_int(s, 11);
  return f;
}

std::int64_t read_key_spend(sqlite3* db, std::string_view key_id, std::int64_t since_ms) {
  return sum_cost(db,
                  "SELECT COALESCE(SUM(cost_nanos), 0) FROM requests "
                  "WHERE key_id = ?1 AND time_ms >= ?2",
                  key_id, since_ms);
}

std::int64_t read_team_spend(sqlite3* db, std::string_view team, std::int64_t since_ms) {
  return sum_cost(db,
                  "SELECT COALESCE(SUM(cost_nanos), 0) FROM requests "
                  "WHERE team = ?1 AND time_ms >= ?2",
                  team, since_ms);
}

}  // namespace keygate
