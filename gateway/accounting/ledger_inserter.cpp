#include "gateway/accounting/ledger_inserter.hpp"

#include <sqlite3.h>

#include <cmath>
#include <iterator>
#include <string>
#include <string_view>

namespace keygate {

namespace {

constexpr const char* insert_sql = R"sql(
  INSERT INTO requests (request_id, time_ms, key_id, team, endpoint, model, deployment, provider,
                        status, error_code, prompt_tokens, completion_tokens, cached_tokens,
                        cache_write_tokens, reasoning_tokens, usage_known, cost_nanos, latency_ms,
                        stream, client_gone, ttft_ms, overhead_ms, attempts, end_user, cache_hit,
                        saved_nanos, attempt_log, unit_kind, units)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
)sql";

// One daily table's upsert: the batch's sums added to the row of `key_columns` (one parameter
// each, then daily_sums' fields in order).
std::string add_to_day_sql(std::string_view table, std::string_view key_columns, int keys) {
  static constexpr std::string_view sums[] = {
      "requests",           "prompt_tokens",    "completion_tokens", "cached_tokens",
      "cache_write_tokens", "reasoning_tokens", "cost_nanos",        "unknown_cost_requests",
      "cache_hits",         "saved_nanos"};
  std::string columns(key_columns), updates;
  for (const auto column : sums) {
    columns.append(", ").append(column);
    if (!updates.empty()) updates += ", ";
    updates.append(column).append(" = ").append(column).append(" + excluded.").append(column);
  }
  std::string sql = "INSERT INTO " + std::string(table) + " (" + columns + ") VALUES (?";
  for (int i = 1; i < keys + static_cast<int>(std::size(sums)); ++i) sql += ", ?";
  return sql + ") ON CONFLICT (" + std::string(key_columns) + ") DO UPDATE SET " + updates;
}

constexpr const char* find_sql =
    "SELECT 1 FROM requests WHERE request_id = ? AND time_ms = ? AND latency_ms = ? LIMIT 1";

double stored_latency(double latency_ms) {
  // SQLite stores NaN as NULL, which the NOT NULL column would refuse.
  return std::isnan(latency_ms) ? 0.0 : latency_ms;
}

// Binds the sums from `first` on; returns the first failing bind's code.
int bind_sums(sqlite3_stmt* s, int first, const daily_sums& sums) {
  const std::int64_t values[] = {sums.requests,           sums.prompt_tokens,
                                 sums.completion_tokens,  sums.cached_tokens,
                                 sums.cache_write_tokens, sums.reasoning_tokens,
                                 sums.cost_nanos,         sums.unknown_cost_requests,
                                 sums.cache_hits,         sums.saved_nanos};
  for (const auto value : values) {
    const int rc = sqlite3_bind_int64(s, first++, value);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

int bind_text(sqlite3_stmt* s, int index, const std::string& value) {
  return sqlite3_bind_text64(s, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
}

void check_bind(int rc) {
  if (rc != SQLITE_OK)
    throw sqlite_error(rc, std::string("cannot bind daily spend: ") + sqlite3_errstr(rc));
}

}  // namespace

ledger_inserter::ledger_inserter(sqlite_db db)
    : db_(std::move(db)),
      // IMMEDIATE takes the write lock at once: a busy database fails here, not halfway through.
      begin_(prepare_sqlite(db_.get(), "BEGIN IMMEDIATE", true)),
      insert_(prepare_sqlite(db_.get(), insert_sql, true)),
      commit_(prepare_sqlite(db_.get(), "COMMIT", true)),
      rollback_(prepare_sqlite(db_.get(), "ROLLBACK", true)),
      add_route_day_(prepare_sqlite(
          db_.get(), add_to_day_sql("spend_daily_routes", "day, model, provider, deployment", 4),
          true)),
      add_key_day_(prepare_sqlite(
          db_.get(), add_to_day_sql("spend_daily_keys", "day, key_id, team", 3), true)),
      find_(prepare_sqlite(db_.get(), find_sql, true)) {}

void ledger_inserter::begin() {
  run_sqlite(db_.get(), begin_.get(), "cannot begin a transaction");
}

void ledger_inserter::insert(const ledger_record& r) {
  sqlite3_stmt* s = insert_.get();
  int rc = SQLITE_OK;  // the first bind that failed (a string too long, say)
  auto keep = [&rc](int result) {
    if (rc == SQLITE_OK) rc = result;
  };
  auto text = [&](int index, const std::string& value) {
    // The record outlives the step, so SQLite may read the bytes in place (SQLITE_STATIC).
    keep(sqlite3_bind_text64(s, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8));
  };
  text(1, r.request_id);
  keep(sqlite3_bind_int64(s, 2, r.time_ms));
  text(3, r.key_id);
  text(4, r.team);
  text(5, r.endpoint);
  text(6, r.model);
  text(7, r.deployment);
  text(8, r.provider);
  keep(sqlite3_bind_int(s, 9, r.status));
  text(10, r.error_code);
  keep(sqlite3_bind_int64(s, 11, r.usage.prompt));
  keep(sqlite3_bind_int64(s, 12, r.usage.completion));
  keep(sqlite3_bind_int64(s, 13, r.usage.cached));
  keep(sqlite3_bind_int64(s, 14, r.usage.cache_write));
  keep(sqlite3_bind_int64(s, 15, r.usage.reasoning));
  keep(sqlite3_bind_int(s, 16, r.usage.known ? 1 : 0));
  keep(r.cost_nanos ? sqlite3_bind_int64(s, 17, *r.cost_nanos) : sqlite3_bind_null(s, 17));
  keep(sqlite3_bind_double(s, 18, stored_latency(r.latency_ms)));
  keep(sqlite3_bind_int(s, 19, r.stream ? 1 : 0));
  keep(sqlite3_bind_int(s, 20, r.client_gone ? 1 : 0));
  const bool ttft_known = r.ttft_ms && !std::isnan(*r.ttft_ms);
  keep(ttft_known ? sqlite3_bind_double(s, 21, *r.ttft_ms) : sqlite3_bind_null(s, 21));
  keep(sqlite3_bind_double(s, 22, std::isnan(r.overhead_ms) ? 0.0 : r.overhead_ms));
  keep(sqlite3_bind_int(s, 23, r.attempts));
  text(24, r.end_user);
  keep(sqlite3_bind_int(s, 25, r.cache_hit ? 1 : 0));
  keep(r.saved_nanos ? sqlite3_bind_int64(s, 26, *r.saved_nanos) : sqlite3_bind_null(s, 26));
  if (r.attempt_log.empty())
    keep(sqlite3_bind_null(s, 27));
  else
    text(27, r.attempt_log);
  const std::string_view unit = unit_name(r.usage.unit);
  keep(sqlite3_bind_text64(s, 28, unit.data(), unit.size(), SQLITE_STATIC, SQLITE_UTF8));
  keep(sqlite3_bind_double(s, 29, std::isfinite(r.usage.units) ? r.usage.units : 0.0));
  if (rc != SQLITE_OK) {
    sqlite3_clear_bindings(s);
    throw sqlite_error(rc, std::string("cannot bind a request: ") + sqlite3_errstr(rc));
  }
  run_sqlite(db_.get(), s, "cannot insert a request");
  totals_.add(r);
}

void ledger_inserter::commit() {
  write_daily_totals();
  run_sqlite(db_.get(), commit_.get(), "cannot commit");
}

void ledger_inserter::write_daily_totals() {
  for (const auto& [key, sums] : totals_.routes()) {
    sqlite3_stmt* s = add_route_day_.get();
    const auto& [day, model, provider, deployment] = key;
    check_bind(sqlite3_bind_int64(s, 1, day));
    check_bind(bind_text(s, 2, model));
    check_bind(bind_text(s, 3, provider));
    check_bind(bind_text(s, 4, deployment));
    check_bind(bind_sums(s, 5, sums));
    run_sqlite(db_.get(), s, "cannot add to daily spend by route");
  }
  for (const auto& [key, sums] : totals_.keys()) {
    sqlite3_stmt* s = add_key_day_.get();
    const auto& [day, key_id, team] = key;
    check_bind(sqlite3_bind_int64(s, 1, day));
    check_bind(bind_text(s, 2, key_id));
    check_bind(bind_text(s, 3, team));
    check_bind(bind_sums(s, 4, sums));
    run_sqlite(db_.get(), s, "cannot add to daily spend by key");
  }
  totals_.clear();
}

bool ledger_inserter::contains(const ledger_record& r) {
  sqlite3_stmt* s = find_.get();
  check_bind(bind_text(s, 1, r.request_id));
  check_bind(sqlite3_bind_int64(s, 2, r.time_ms));
  check_bind(sqlite3_bind_double(s, 3, stored_latency(r.latency_ms)));
  const int rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    throw sqlite_error(rc, std::string("cannot look for a request: ") + sqlite3_errmsg(db_.get()));
  return rc == SQLITE_ROW;
}

void ledger_inserter::rollback() noexcept {
  totals_.clear();
  // A failed COMMIT may already have rolled back; a second ROLLBACK would only fail.
  if (!sqlite3_get_autocommit(db_.get())) {
    sqlite3_step(rollback_.get());
    sqlite3_reset(rollback_.get());
  }
}

}  // namespace keygate
