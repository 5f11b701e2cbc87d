// Single-caller questions asked of the ledger: one request's figures, one key's or team's spend
// in a period. Each runs on a connection the caller owns (prepare_ledger_reader), so it never waits
// on the ledger's own reader; each uses an index except the team's spend (no index by team).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/base/usage.hpp"

struct sqlite3;

namespace keygate {

struct request_figures {
  token_usage usage;  // usage.known: the upstream reported it
  std::optional<std::int64_t> cost_nanos;
  std::optional<double> ttft_ms;
  double total_ms = 0;
  std::string deployment;  // "" when none served it
  int attempts = 0;
  int status = 0;
};

// The newest row with this request id made by this key ("" for the master key or no auth); none
// when there is none. Throws sqlite_error.
std::optional<request_figures> read_request_figures(sqlite3* db, std::string_view request_id,
                                                    std::string_view key_id);

// Known costs (nano-USD) of a key's, or a team's, requests with time_ms >= since_ms.
std::int64_t read_key_spend(sqlite3* db, std::string_view key_id, std::int64_t since_ms);
std::int64_t read_team_spend(sqlite3* db, std::string_view team, std::int64_t since_ms);

}  // namespace keygate
