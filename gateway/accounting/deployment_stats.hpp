// What the ledger says about each deployment's recent requests: latency and time to first token
// percentiles, and failures by kind. The admin's models page; read off the request path.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

struct sqlite3;

namespace keygate {

struct percentiles {
  double p50 = 0, p95 = 0;
};

struct deployment_stats {
  std::optional<percentiles> latency_ms;         // none when no request finished in the window
  std::optional<percentiles> ttft_ms;            // none when no stream's first token was timed
  std::map<std::string, std::int64_t> failures;  // error code (or "http_<status>") → count
};

// The rows with time_ms >= since_ms, newest first and at most `max_rows` of them, by deployment
// id. Throws sqlite_error.
std::map<std::string, deployment_stats> read_deployment_stats(sqlite3* db, std::int64_t since_ms,
                                                              int max_rows);

}  // namespace keygate
