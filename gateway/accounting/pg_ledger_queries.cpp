#include "gateway/accounting/pg_ledger_queries.hpp"

#include <chrono>
#include <cstdio>

#include "gateway/accounting/ledger_store.hpp"
#include "gateway/storage/pg_connection.hpp"

namespace keygate {

namespace {

constexpr std::int64_t day_ms = 86'400'000;

// The first day boundary at or after t, and the last at or before it (times are positive).
std::int64_t day_at_or_after(std::int64_t t) {
  return (t + day_ms - 1) / day_ms;
}
std::int64_t day_at_or_before(std::int64_t t) {
  return t / day_ms;
}

std::string pg_utc_date(std::int64_t day) {
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{day}}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

// A time range [from, to) split into whole UTC days, answered from spend_daily, and the pieces
// at either end, answered from the rows themselves.
struct split_range {
  std::optional<std::int64_t> first_day, end_day;  // whole days [first_day, end_day); none: open
  bool any_days = true;
  // Raw ranges: the whole range when it holds no whole day, else the two edges.
  std::vector<std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>>> raw;
};

split_range split(std::optional<std::int64_t> from, std::optional<std::int64_t> to) {
  split_range r;
  if (from) r.first_day = day_at_or_after(*from);
  if (to) r.end_day = day_at_or_before(*to);
  if (r.first_day && r.end_day && *r.first_day >= *r.end_day) {
    r.any_days = false;
    r.first_day.reset();
    r.end_day.reset();
    if (!(from && to && *from >= *to)) r.raw.emplace_back(from, to);
    return r;
  }
  if (from && *r.first_day * day_ms > *from) r.raw.emplace_back(from, *r.first_day * day_ms);
  if (to && *r.end_day * day_ms < *to) r.raw.emplace_back(*r.end_day * day_ms, to);
  return r;
}

struct statement {
  std::string sql;
  std::vector<pg_param> params;
  std::string bind(const std::string& value) {
    params.emplace_back(value);
    return "$" + std::to_string(params.size());
  }
};

void add(spend_row& into, const spend_row& from) {
  into.requests += from.requests;
  into.prompt_tokens += from.prompt_tokens;
  into.completion_tokens += from.completion_tokens;
  into.cached_tokens += from.cached_tokens;
  into.cache_write_tokens += from.cache_write_tokens;
  into.reasoning_tokens += from.reasoning_tokens;
  into.cost_nanos += from.cost_nanos;
  into.unknown_cost_requests += from.unknown_cost_requests;
  into.cache_hits += from.cache_hits;
  into.saved_nanos += from.saved_nanos;
}

// Runs a grouped statement whose columns are grp and the ten sums, adding each row into
// `groups` under its name (a date for days).
void collect(pg_connection& db, statement& s, bool days, std::map<std::string, spend_row>& groups) {
  const auto result = db.exec(s.sql, s.params);
  for (int i = 0; i < result.size(); ++i) {
    spend_row row;
    row.group = days ? pg_utc_date(result.int64(i, 0)) : std::string(result.text(i, 0));
    row.requests = result.int64(i, 1);
    row.prompt_tokens = result.int64(i, 2);
    row.completion_tokens = result.int64(i, 3);
    row.cached_tokens = result.int64(i, 4);
    row.cache_write_tokens = result.int64(i, 5);
    row.reasoning_tokens = result.int64(i, 6);
    row.cost_nanos = result.int64(i, 7);
    row.unknown_cost_requests = result.int64(i, 8);
    row.cache_hits = result.int64(i, 9);
    row.saved_nanos = result.int64(i, 10);
    auto [it, fresh] = groups.try_emplace(row.group, row);
    if (!fresh) add(it->second, row);
  }
}

const char* pg_group_column(spend_group group, bool daily) {
  switch (group) {
    case spend_group::model:
      return "model";
    case spend_group::day:
      return daily ? "day" : "time_ms / 86400000";
    case spend_group::team:
      return "team";
    case spend_group::end_user:
      return "end_user";  // never daily: spend_daily has no end_user
    case spend_group::provider:
    case spend_group::deployment:  // refused by pg_spend_missing_capability
    case spend_group::key:
      break;
  }
  return "key_id";
}

void add_filters(statement& s, const spend_query& query) {
  if (query.key_id) s.sql += " AND key_id = " + s.bind(*query.key_id);
  if (query.team) s.sql += " AND team = " + s.bind(*query.team);
  if (query.model) s.sql += " AND model = " + s.bind(*query.model);
}

std::map<std::string, std::int64_t> pg_sum_since(pg_connection& db, const char* column,
                                                 std::int64_t since) {
  std::map<std::string, std::int64_t> sums;
  const auto from_day = day_at_or_after(since);
  // Whole days from the totals, the part of a day before them from the rows.
  const std::string daily = std::string("SELECT ") + column +
                            ", SUM(cost_nanos) FROM spend_daily " + "WHERE day >= $1 AND " +
                            column + " <> '' GROUP BY " + column +
                            " HAVING SUM(requests) > SUM(unknown_cost_requests)";
  const std::string raw = std::string("SELECT ") + column + ", SUM(cost_nanos) FROM requests " +
                          "WHERE time_ms >= $1 AND time_ms < $2 AND " + column +
                          " <> '' AND cost_nanos IS NOT NULL GROUP BY " + column;
  auto take = [&](const pg_rows& rows) {
    for (int i = 0; i < rows.size(); ++i) sums[std::string(rows.text(i, 0))] += rows.int64(i, 1);
  };
  take(db.exec(daily, {std::to_string(from_day)}));
  if (from_day * day_ms > since)
    take(db.exec(raw, {std::to_string(since), std::to_string(from_day * day_ms)}));
  return sums;
}

}  // namespace

std::optional<std::string> pg_spend_missing_capability(const spend_query& query) {
  auto unreadable = [](spend_group g) {
    return g == spend_group::provider || g == spend_group::deployment;
  };
  if (unreadable(query.group_by))
    return std::string("spend by ") +
           (query.group_by == spend_group::provider ? "provider" : "deployment");
  if (query.then_by) return std::string("spend by two dimensions (then_by)");
  if (query.provider) return std::string("the provider filter on spend");
  if (query.deployment) return std::string("the deployment filter on spend");
  return std::nullopt;
}

spend_totals read_pg_spend_since(pg_connection& db, std::int64_t since_ms) {
  spend_totals totals;
  totals.by_key = pg_sum_since(db, "key_id", since_ms);
  totals.by_team = pg_sum_since(db, "team", since_ms);
  return totals;
}

std::vector<spend_row> read_pg_spend(pg_connection& db, const spend_query& query) {
  if (auto missing = pg_spend_missing_capability(query))
    throw ledger_unsupported("PostgreSQL", *missing);
  const bool days = query.group_by == spend_group::day;
  // spend_daily has no end_user: that grouping, or that filter, reads the rows of the whole range.
  const bool daily_totals = query.group_by != spend_group::end_user && !query.end_user;
  split_range range;
  if (daily_totals) {
    range = split(query.from_ms, query.to_ms);
  } else {
    range.any_days = false;
    if (!(query.from_ms && query.to_ms && *query.from_ms >= *query.to_ms))
      range.raw.emplace_back(query.from_ms, query.to_ms);
  }
  std::map<std::string, spend_row> groups;  // one row per group, summed over the pieces
  if (range.any_days) {
    statement s;
    s.sql = std::string("SELECT ") + pg_group_column(query.group_by, true) +
            " AS grp, SUM(requests), SUM(prompt_tokens), SUM(completion_tokens), "
            "SUM(cached_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens), "
            "SUM(cost_nanos), SUM(unknown_cost_requests), SUM(cache_hits), SUM(saved_nanos) "
            "FROM spend_daily WHERE true";
    add_filters(s, query);
    if (range.first_day) s.sql += " AND day >= " + s.bind(std::to_string(*range.first_day));
    if (range.end_day) s.sql += " AND day < " + s.bind(std::to_string(*range.end_day));
    s.sql += " GROUP BY grp";
    collect(db, s, days, groups);
  }
  for (const auto& [from, to] : range.raw) {
    statement s;
    s.sql = std::string("SELECT ") + pg_group_column(query.group_by, false) +
            " AS grp, COUNT(*), COALESCE(SUM(prompt_tokens), 0), "
            "COALESCE(SUM(completion_tokens), 0), COALESCE(SUM(cached_tokens), 0), "
            "COALESCE(SUM(cache_write_tokens), 0), COALESCE(SUM(reasoning_tokens), 0), "
            "COALESCE(SUM(cost_nanos), 0), COUNT(*) - COUNT(cost_nanos), "
            "COUNT(*) FILTER (WHERE cache_hit), COALESCE(SUM(saved_nanos), 0) "
            "FROM requests WHERE true";
    add_filters(s, query);
    if (query.end_user) s.sql += " AND end_user = " + s.bind(*query.end_user);
    if (from) s.sql += " AND time_ms >= " + s.bind(std::to_string(*from));
    if (to) s.sql += " AND time_ms < " + s.bind(std::to_string(*to));
    s.sql += " GROUP BY grp";
    collect(db, s, days, groups);
  }
  std::vector<spend_row> rows;
  rows.reserve(groups.size());
  for (auto& [group, row] : groups) rows.push_back(std::move(row));
  sort_spend_rows(rows, query);  // the order the SQLite ledger answers in
  return rows;
}

}  // namespace keygate
