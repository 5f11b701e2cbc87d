#include "gateway/accounting/ledger_queries.hpp"

#include <sqlite3.h>

#include "gateway/storage/sqlite.hpp"

namespace keygate {

namespace {

std::string column_text(sqlite3_stmt* statement, int column) {
  auto text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column)))
              : std::string();
}

std::map<std::string, std::int64_t> sum_since(sqlite3* db, const char* sql, std::int64_t since) {
  auto statement = prepare_sqlite(db, sql);
  sqlite3_bind_int64(statement.get(), 1, since);
  std::map<std::string, std::int64_t> sums;
  int rc;
  while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW)
    sums[column_text(statement.get(), 0)] = sqlite3_column_int64(statement.get(), 1);
  check_sqlite(rc, db, "cannot read the spend since a time");
  return sums;
}

const char* group_expression(spend_group group) {
  switch (group) {
    case spend_group::model:
      return "model";
    case spend_group::day:
      // time_ms / 1000 is integer division; 'unixepoch' dates are UTC.
      return "strftime('%Y-%m-%d', time_ms / 1000, 'unixepoch')";
    case spend_group::end_user:
      return "end_user";
    case spend_group::key:
      break;
  }
  return "key_id";
}

}  // namespace

spend_totals read_spend_since(sqlite3* db, std::int64_t since_ms) {
  spend_totals totals;
  totals.by_key = sum_since(db,
                            "SELECT key_id, SUM(cost_nanos) FROM requests WHERE time_ms >= ?1 "
                            "AND key_id != '' AND cost_nanos IS NOT NULL GROUP BY key_id",
                            since_ms);
  totals.by_team = sum_since(db,
                             "SELECT team, SUM(cost_nanos) FROM requests WHERE time_ms >= ?1 "
                             "AND team != '' AND cost_nanos IS NOT NULL GROUP BY team",
                             since_ms);
  return totals;
}

std::vector<spend_row> read_spend(sqlite3* db, const spend_query& query) {
  // Only the filters asked for appear in the statement, so SQLite can use the indexes.
  std::string sql = "SELECT ";
  sql += group_expression(query.group_by);
  sql +=
      " AS grp, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(cached_tokens), "
      "SUM(cache_write_tokens), SUM(reasoning_tokens), COALESCE(SUM(cost_nanos), 0), "
      "SUM(cost_nanos IS NULL) FROM requests WHERE 1";
  if (query.key_id) sql += " AND key_id = :key";
  if (query.model) sql += " AND model = :model";
  if (query.from_ms) sql += " AND time_ms >= :from";
  if (query.to_ms) sql += " AND time_ms < :to";
  sql += " GROUP BY grp ORDER BY grp";

  auto statement = prepare_sqlite(db, sql);
  sqlite3_stmt* s = statement.get();
  auto index = [s](const char* name) { return sqlite3_bind_parameter_index(s, name); };
  if (query.key_id)
    sqlite3_bind_text64(s, index(":key"), query.key_id->data(), query.key_id->size(),
                        SQLITE_TRANSIENT, SQLITE_UTF8);
  if (query.model)
    sqlite3_bind_text64(s, index(":model"), query.model->data(), query.model->size(),
                        SQLITE_TRANSIENT, SQLITE_UTF8);
  if (query.from_ms) sqlite3_bind_int64(s, index(":from"), *query.from_ms);
  if (query.to_ms) sqlite3_bind_int64(s, index(":to"), *query.to_ms);

  std::vector<spend_row> rows;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    spend_row row;
    row.group = column_text(s, 0);
    row.requests = sqlite3_column_int64(s, 1);
    row.prompt_tokens = sqlite3_column_int64(s, 2);
    row.completion_tokens = sqlite3_column_int64(s, 3);
    row.cached_tokens = sqlite3_column_int64(s, 4);
    row.cache_write_tokens = sqlite3_column_int64(s, 5);
    row.reasoning_tokens = sqlite3_column_int64(s, 6);
    row.cost_nanos = sqlite3_column_int64(s, 7);
    row.unknown_cost_requests = sqlite3_column_int64(s, 8);
    rows.push_back(std::move(row));
  }
  check_sqlite(rc, db, "cannot read the spend");
  return rows;
}

}  // namespace keygate
