// The ledger's rows as the admin's requests page reads them: newest first, filtered, a page at a
// time by keyset on (time_ms, id), never by offset, so the millionth row costs what the first does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/base/usage.hpp"

struct sqlite3;

namespace keygate {

// Statuses in [low, high], or outside it when `outside`.
struct status_range {
  int low = 0, high = 0;
  bool outside = false;
};

// Where a page starts: rows strictly older than this one.
struct request_cursor {
  std::int64_t time_ms = 0;
  std::int64_t id = 0;
};

struct requests_query {
  std::optional<std::string> key_id, team, model, deployment, end_user;
  std::optional<status_range> status;
  std::optional<std::int64_t> from_ms, to_ms;  // time_ms in [from_ms, to_ms)
  std::optional<request_cursor> before;
  int limit = 50;
};

struct request_row {
  std::int64_t id = 0;  // the row's own id: the cursor's tie-breaker
  std::string request_id;
  std::int64_t time_ms = 0;
  std::string key_id, team, end_user, endpoint, model, deployment, provider;
  int status = 0;
  std::string error_code;
  bool stream = false;
  bool client_gone = false;
  token_usage usage;
  std::optional<std::int64_t> cost_nanos;
  double total_ms = 0;
  std::optional<double> ttft_ms;
  double overhead_ms = 0;
  int attempts = 0;
  std::optional<std::string> attempt_log;   // JSON array text, when kept
  bool cache_hit = false;                   // answered from the response cache
  std::optional<std::int64_t> saved_nanos;  // what a hit or a prompt cache saved
};

struct requests_page {
  std::vector<request_row> rows;
  std::optional<request_cursor> next;  // none on the last page
};

// Both throw sqlite_error.
requests_page read_requests(sqlite3* db, const requests_query& query);
// The newest row with this request id, made by `key_id` when one is given; none when there is none.
std::optional<request_row> read_request(sqlite3* db, std::string_view request_id,
                                        const std::optional<std::string>& key_id);

}  // namespace keygate
