#include "gateway/accounting/pg_ledger_queries.hpp"

#include <chrono>
#include <cstdio>

#include "gateway/storage/pg_connection.hpp"

namespace keygate {

namespace {

std::map<std::string, std::int64_t> pg_sum_since(pg_connection& db, const char* sql,
                                              std::int64_t since) {
  const auto rows = db.exec(sql, {std::to_string(since)});
  std::map<std::string, std::int64_t> sums;
  for (int i = 0; i < rows.size(); ++i) sums[std::string(rows.text(i, 0))] = rows.int64(i, 1);
  return sums;
}

// Days are grouped as numbers in SQL (cheaper than formatting every row) and named here.
std::string pg_utc_date(std::int64_t day) {
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{day}}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

const char* pg_group_expression(spend_group group) {
  switch (group) {
    case spend_group::model:
      return "model";
    case spend_group::day:
      return "floor(time_ms / 86400000.0)::bigint";
    case spend_group::key:
      break;
  }
  return "key_id";
}

}  // namespace

spend_totals read_pg_spend_since(pg_connection& db, std::int64_t since_ms) {
  spend_totals totals;
  totals.by_key = pg_sum_since(db,
                            "SELECT key_id, SUM(cost_nanos) FROM requests WHERE time_ms >= $1 "
                            "AND key_id <> '' AND cost_nanos IS NOT NULL GROUP BY key_id",
                            since_ms);
  totals.by_team = pg_sum_since(db,
                             "SELECT team, SUM(cost_nanos) FROM requests WHERE time_ms >= $1 "
                             "AND team <> '' AND cost_nanos IS NOT NULL GROUP BY team",
                             since_ms);
  return totals;
}

std::vector<spend_row> read_pg_spend(pg_connection& db, const spend_query& query) {
  // Only the filters asked for appear in the statement, so the planner can use the indexes.
  std::string sql = "SELECT ";
  sql += pg_group_expression(query.group_by);
  sql +=
      " AS grp, COUNT(*), COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0), "
      "COALESCE(SUM(cached_tokens), 0), COALESCE(SUM(cache_write_tokens), 0), "
      "COALESCE(SUM(reasoning_tokens), 0), COALESCE(SUM(cost_nanos), 0), "
      "COUNT(*) - COUNT(cost_nanos) FROM requests WHERE true";
  std::vector<pg_param> params;
  auto bind = [&](const std::string& value) {
    params.emplace_back(value);
    return "$" + std::to_string(params.size());
  };
  if (query.key_id) sql += " AND key_id = " + bind(*query.key_id);
  if (query.model) sql += " AND model = " + bind(*query.model);
  if (query.from_ms) sql += " AND time_ms >= " + bind(std::to_string(*query.from_ms));
  if (query.to_ms) sql += " AND time_ms < " + bind(std::to_string(*query.to_ms));
  // Byte order, as SQLite sorts, whatever the database's collation.
  sql += query.group_by == spend_group::day ? " GROUP BY grp ORDER BY grp"
                                            : " GROUP BY grp ORDER BY grp COLLATE \"C\"";

  const auto result = db.exec(sql, params);
  std::vector<spend_row> rows;
  rows.reserve(static_cast<std::size_t>(result.size()));
  for (int i = 0; i < result.size(); ++i) {
    spend_row row;
    row.group = query.group_by == spend_group::day ? pg_utc_date(result.int64(i, 0))
                                                   : std::string(result.text(i, 0));
    row.requests = result.int64(i, 1);
    row.prompt_tokens = result.int64(i, 2);
    row.completion_tokens = result.int64(i, 3);
    row.cached_tokens = result.int64(i, 4);
    row.cache_write_tokens = result.int64(i, 5);
    row.reasoning_tokens = result.int64(i, 6);
    row.cost_nanos = result.int64(i, 7);
    row.unknown_cost_requests = result.int64(i, 8);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace keygate
