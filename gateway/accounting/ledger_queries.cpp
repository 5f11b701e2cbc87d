#include "gateway/accounting/ledger_queries.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

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

constexpr std::int64_t day_ms = 86'400'000;

// The column a dimension reads; the day is a day number, made a date once read.
const char* group_column(spend_group group) {
  switch (group) {
    case spend_group::model:
      return "model";
    case spend_group::day:
      return "day";
    case spend_group::provider:
      return "provider";
    case spend_group::deployment:
      return "deployment";
    case spend_group::team:
      return "team";
    case spend_group::end_user:
      return "end_user";
    case spend_group::key:
      break;
  }
  return "key_id";
}

std::string utc_date(std::int64_t day) {
  using namespace std::chrono;
  const year_month_day date{sys_days(days(day))};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

bool whole_days(const spend_query& query) {
  return (!query.from_ms || *query.from_ms % day_ms == 0) &&
         (!query.to_ms || *query.to_ms % day_ms == 0);
}

bool route_dimension(spend_group g) {
  return g == spend_group::day || g == spend_group::model || g == spend_group::provider ||
         g == spend_group::deployment;
}

bool key_dimension(spend_group g) {
  return g == spend_group::day || g == spend_group::key || g == spend_group::team;
}

// The daily table that holds every dimension the query groups or filters by; none (the requests
// themselves) when it mixes routes with keys, names end users, or cuts a day in two.
const char* daily_table(const spend_query& query) {
  if (!whole_days(query) || query.end_user) return nullptr;
  const bool routes = query.model || query.provider || query.deployment;
  const bool keys = query.key_id || query.team;
  auto all = [&](bool (*fits)(spend_group)) {
    return fits(query.group_by) && (!query.then_by || fits(*query.then_by));
  };
  if (!keys && all(route_dimension)) return "spend_daily_routes";
  if (!routes && all(key_dimension)) return "spend_daily_keys";
  return nullptr;
}

// Sums of the rows that pass the filters, by the asked dimensions, from a daily table (`day` is a
// column there) or from the requests (where it is computed).
std::string spend_sql(const spend_query& query, const char* daily) {
  std::string sql = "SELECT ";
  sql += group_column(query.group_by);
  sql += " AS g1, ";
  sql += query.then_by ? group_column(*query.then_by) : "''";
  sql += " AS g2, ";
  if (daily) {
    sql +=
        "SUM(requests), SUM(prompt_tokens), SUM(completion_tokens), SUM(cached_tokens), "
        "SUM(cache_write_tokens), SUM(reasoning_tokens), SUM(cost_nanos), "
        "SUM(unknown_cost_requests), SUM(cache_hits), SUM(saved_nanos) FROM ";
    sql += daily;
    sql += " WHERE 1";
  } else {
    sql +=
        "COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(cached_tokens), "
        "SUM(cache_write_tokens), SUM(reasoning_tokens), COALESCE(SUM(cost_nanos), 0), "
        "SUM(cost_nanos IS NULL), SUM(cache_hit != 0), COALESCE(SUM(saved_nanos), 0) "
        "FROM (SELECT *, time_ms / 86400000 AS day FROM requests) "
        "WHERE 1";
  }
  // Only the filters asked for appear in the statement, so SQLite can use the indexes.
  if (query.key_id) sql += " AND key_id = :key";
  // The team and end user indexes hold only rows that have one: a filter on a value says so.
  if (query.team)
    sql += query.team->empty() ? " AND team = :team" : " AND team = :team AND team != ''";
  if (query.model) sql += " AND model = :model";
  if (query.provider) sql += " AND provider = :provider";
  if (query.deployment) sql += " AND deployment = :deployment";
  if (query.end_user)
    sql += query.end_user->empty() ? " AND end_user = :end_user"
                                   : " AND end_user = :end_user AND end_user != ''";
  if (daily) {
    if (query.from_ms) sql += " AND day >= :from / 86400000";
    if (query.to_ms) sql += " AND day < :to / 86400000";
  } else {
    if (query.from_ms) sql += " AND time_ms >= :from";
    if (query.to_ms) sql += " AND time_ms < :to";
  }
  sql += " GROUP BY g1, g2";
  return sql;
}

void bind_filters(sqlite3_stmt* s, const spend_query& query) {
  auto text = [s](const char* name, const std::optional<std::string>& value) {
    if (value)
      sqlite3_bind_text64(s, sqlite3_bind_parameter_index(s, name), value->data(), value->size(),
                          SQLITE_TRANSIENT, SQLITE_UTF8);
  };
  text(":key", query.key_id);
  text(":team", query.team);
  text(":model", query.model);
  text(":provider", query.provider);
  text(":deployment", query.deployment);
  text(":end_user", query.end_user);
  if (query.from_ms)
    sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":from"), *query.from_ms);
  if (query.to_ms) sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":to"), *query.to_ms);
}

std::string group_value(sqlite3_stmt* s, int column, spend_group group) {
  return group == spend_group::day ? utc_date(sqlite3_column_int64(s, column))
                                   : column_text(s, column);
}

}  // namespace

void sort_spend_rows(std::vector<spend_row>& rows, const spend_query& query) {
  std::map<std::string, std::int64_t> group_cost;
  for (const auto& row : rows) group_cost[row.group] += row.cost_nanos;
  const bool by_day = query.group_by == spend_group::day;
  const bool second_by_day = query.then_by == spend_group::day;
  std::sort(rows.begin(), rows.end(), [&](const spend_row& a, const spend_row& b) {
    if (a.group != b.group) {
      if (by_day) return a.group < b.group;
      const auto ca = group_cost[a.group], cb = group_cost[b.group];
      return ca != cb ? ca > cb : a.group < b.group;
    }
    if (second_by_day || a.cost_nanos == b.cost_nanos) return a.group2 < b.group2;
    return a.cost_nanos > b.cost_nanos;
  });
}

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
  auto statement = prepare_sqlite(db, spend_sql(query, daily_table(query)));
  sqlite3_stmt* s = statement.get();
  bind_filters(s, query);
  std::vector<spend_row> rows;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    spend_row row;
    row.group = group_value(s, 0, query.group_by);
    if (query.then_by) row.group2 = group_value(s, 1, *query.then_by);
    row.requests = sqlite3_column_int64(s, 2);
    row.prompt_tokens = sqlite3_column_int64(s, 3);
    row.completion_tokens = sqlite3_column_int64(s, 4);
    row.cached_tokens = sqlite3_column_int64(s, 5);
    row.cache_write_tokens = sqlite3_column_int64(s, 6);
    row.reasoning_tokens = sqlite3_column_int64(s, 7);
    row.cost_nanos = sqlite3_column_int64(s, 8);
    row.unknown_cost_requests = sqlite3_column_int64(s, 9);
    row.cache_hits = sqlite3_column_int64(s, 10);
    row.saved_nanos = sqlite3_column_int64(s, 11);
    rows.push_back(std::move(row));
  }
  check_sqlite(rc, db, "cannot read the spend");
  sort_spend_rows(rows, query);
  return rows;
}

}  // namespace keygate
