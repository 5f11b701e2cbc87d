// Read-side questions asked of the ledger: spend since a time (budgets after a restart) and the
// admin's spend reports.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace keygate {

// Known costs (nano-USD) of the requests since a time. Requests without a key or a team ("") are
// not in the corresponding map.
struct spend_totals {
  std::map<std::string, std::int64_t> by_key, by_team;
};

// day: UTC date "YYYY-MM-DD".
enum class spend_group { key, model, day, provider, deployment, team, end_user };

struct spend_query {
  spend_group group_by = spend_group::key;
  std::optional<spend_group> then_by;  // a second dimension: one row per pair
  std::optional<std::string> key_id;   // only this key
  std::optional<std::string> team;
  std::optional<std::string> model;  // only this model (as the client asked it)
  std::optional<std::string> provider;
  std::optional<std::string> deployment;
  std::optional<std::string> end_user;
  std::optional<std::int64_t> from_ms, to_ms;  // time_ms in [from_ms, to_ms)
};

struct spend_row {
  std::string group;   // the key id, model, day, ...
  std::string group2;  // the second dimension's value, when asked for
  std::int64_t requests = 0;
  std::int64_t prompt_tokens = 0;
  std::int64_t completion_tokens = 0;
  std::int64_t cached_tokens = 0;
  std::int64_t cache_write_tokens = 0;
  std::int64_t reasoning_tokens = 0;
  std::int64_t cost_nanos = 0;             // sum of the known costs
  std::int64_t unknown_cost_requests = 0;  // requests with no price known
  std::int64_t cache_hits = 0;             // answers from the response cache
  std::int64_t saved_nanos = 0;            // what the response cache and prompt caching saved (net)
};

// Both throw sqlite_error.
spend_totals read_spend_since(sqlite3* db, std::int64_t since_ms);
// Days in date order; other groups by cost, highest first (ties by name), and a second
// dimension the same way within its group. Read from a daily table when one holds the query's
// dimensions and the range is whole UTC days, from the requests otherwise.
std::vector<spend_row> read_spend(sqlite3* db, const spend_query& query);

// The order read_spend returns: days in date order, other groups by cost, highest first.
void sort_spend_rows(std::vector<spend_row>& rows, const spend_query& query);

}  // namespace keygate
