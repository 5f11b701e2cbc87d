#include "gateway/accounting/ledger_requests.hpp"

#include <sqlite3.h>

#include "gateway/storage/sqlite.hpp"

namespace keygate {

namespace {

constexpr const char* row_columns =
    "SELECT id, request_id, time_ms, key_id, team, end_user, endpoint, model, deployment, "
    "provider, status, error_code, stream, client_gone, prompt_tokens, completion_tokens, "
    "cached_tokens, cache_write_tokens, reasoning_tokens, usage_known, cost_nanos, latency_ms, "
    "ttft_ms, overhead_ms, attempts, attempt_log, cache_hit, saved_nanos FROM requests";

std::string text_at(sqlite3_stmt* s, int column) {
  auto text = reinterpret_cast<const char*>(sqlite3_column_text(s, column));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s, column)))
              : std::string();
}

request_row read_row(sqlite3_stmt* s) {
  request_row r;
  r.id = sqlite3_column_int64(s, 0);
  r.request_id = text_at(s, 1);
  r.time_ms = sqlite3_column_int64(s, 2);
  r.key_id = text_at(s, 3);
  r.team = text_at(s, 4);
  r.end_user = text_at(s, 5);
  r.endpoint = text_at(s, 6);
  r.model = text_at(s, 7);
  r.deployment = text_at(s, 8);
  r.provider = text_at(s, 9);
  r.status = sqlite3_column_int(s, 10);
  r.error_code = text_at(s, 11);
  r.stream = sqlite3_column_int(s, 12) != 0;
  r.client_gone = sqlite3_column_int(s, 13) != 0;
  r.usage.prompt = sqlite3_column_int64(s, 14);
  r.usage.completion = sqlite3_column_int64(s, 15);
  r.usage.cached = sqlite3_column_int64(s, 16);
  r.usage.cache_write = sqlite3_column_int64(s, 17);
  r.usage.reasoning = sqlite3_column_int64(s, 18);
  r.usage.known = sqlite3_column_int(s, 19) != 0;
  if (sqlite3_column_type(s, 20) != SQLITE_NULL) r.cost_nanos = sqlite3_column_int64(s, 20);
  r.total_ms = sqlite3_column_double(s, 21);
  if (sqlite3_column_type(s, 22) != SQLITE_NULL) r.ttft_ms = sqlite3_column_double(s, 22);
  r.overhead_ms = sqlite3_column_double(s, 23);
  r.attempts = sqlite3_column_int(s, 24);
  if (sqlite3_column_type(s, 25) != SQLITE_NULL) r.attempt_log = text_at(s, 25);
  r.cache_hit = sqlite3_column_int(s, 26) != 0;
  if (sqlite3_column_type(s, 27) != SQLITE_NULL) r.saved_nanos = sqlite3_column_int64(s, 27);
  return r;
}

// A status condition. Failures come from the failure index, which holds only statuses outside
// 2xx: the query must say that condition in the index's own words for SQLite to use it. Success
// walks the time index newest first, which fills a page sooner since most rows succeed (the +
// keeps any index on status out).
std::string status_sql(const status_range& range) {
  const bool mostly = !range.outside && range.low >= 200 && range.high <= 299;
  const bool failures =
      range.outside ? range.low <= 200 && range.high >= 299 : range.high < 200 || range.low > 299;
  const std::string column = mostly ? "+status" : "status";
  std::string sql = failures ? " AND status NOT BETWEEN 200 AND 299" : "";
  if (range.outside)
    return sql + " AND (" + column + " < :status_low OR " + column + " > :status_high)";
  return sql + " AND " + column + " BETWEEN :status_low AND :status_high";
}

// The team and end user indexes hold only rows that have one: a filter on a value says so.
std::string present_sql(const char* column, const std::optional<std::string>& value) {
  if (!value) return "";
  std::string sql = std::string(" AND ") + column + " = :" + column;
  if (!value->empty()) sql += std::string(" AND ") + column + " != ''";
  return sql;
}

void bind_text(sqlite3_stmt* s, const char* name, const std::optional<std::string>& value) {
  if (value)
    sqlite3_bind_text64(s, sqlite3_bind_parameter_index(s, name), value->data(), value->size(),
                        SQLITE_TRANSIENT, SQLITE_UTF8);
}

void bind_int(sqlite3_stmt* s, const char* name, std::int64_t value) {
  sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, name), value);
}

}  // namespace

requests_page read_requests(sqlite3* db, const requests_query& query) {
  std::string sql = row_columns;
  sql += " WHERE 1";
  if (query.key_id) sql += " AND key_id = :key";
  sql += present_sql("team", query.team);
  if (query.model) sql += " AND model = :model";
  if (query.deployment) sql += " AND deployment = :deployment";
  sql += present_sql("end_user", query.end_user);
  if (query.status) sql += status_sql(*query.status);
  if (query.from_ms) sql += " AND time_ms >= :from";
  if (query.to_ms) sql += " AND time_ms < :to";
  if (query.before) sql += " AND (time_ms, id) < (:before_time, :before_id)";
  // One row more than the page tells whether another page follows.
  sql += " ORDER BY time_ms DESC, id DESC LIMIT :limit";

  auto statement = prepare_sqlite(db, sql);
  sqlite3_stmt* s = statement.get();
  bind_text(s, ":key", query.key_id);
  bind_text(s, ":team", query.team);
  bind_text(s, ":model", query.model);
  bind_text(s, ":deployment", query.deployment);
  bind_text(s, ":end_user", query.end_user);
  if (query.status) {
    bind_int(s, ":status_low", query.status->low);
    bind_int(s, ":status_high", query.status->high);
  }
  if (query.from_ms) bind_int(s, ":from", *query.from_ms);
  if (query.to_ms) bind_int(s, ":to", *query.to_ms);
  if (query.before) {
    bind_int(s, ":before_time", query.before->time_ms);
    bind_int(s, ":before_id", query.before->id);
  }
  bind_int(s, ":limit", query.limit + 1);

  requests_page page;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) page.rows.push_back(read_row(s));
  check_sqlite(rc, db, "cannot read the requests");
  if (static_cast<int>(page.rows.size()) > query.limit) {
    page.rows.resize(static_cast<std::size_t>(query.limit));
    page.next = request_cursor{page.rows.back().time_ms, page.rows.back().id};
  }
  return page;
}

std::optional<request_row> read_request(sqlite3* db, std::string_view request_id,
                                        const std::optional<std::string>& key_id) {
  std::string sql = row_columns;
  sql += " WHERE request_id = :request_id";
  if (key_id) sql += " AND key_id = :key";
  sql += " ORDER BY id DESC LIMIT 1";
  auto statement = prepare_sqlite(db, sql);
  sqlite3_stmt* s = statement.get();
  sqlite3_bind_text64(s, sqlite3_bind_parameter_index(s, ":request_id"), request_id.data(),
                      request_id.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  bind_text(s, ":key", key_id);
  const int rc = sqlite3_step(s);
  check_sqlite(rc, db, "cannot read a request");
  if (rc != SQLITE_ROW) return std::nullopt;
  return read_row(s);
}

}  // namespace keygate
