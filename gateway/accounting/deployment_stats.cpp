#include "gateway/accounting/deployment_stats.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <vector>

#include "gateway/storage/sqlite.hpp"

namespace keygate {

namespace {

// Nearest rank: the smallest value with at least that share of the values at or below it.
std::optional<percentiles> percentiles_of(std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  auto rank = [&](double share) {
    auto index = static_cast<std::size_t>(share * static_cast<double>(values.size()) + 0.999999);
    return values[std::clamp<std::size_t>(index, 1, values.size()) - 1];
  };
  return percentiles{rank(0.50), rank(0.95)};
}

}  // namespace

std::map<std::string, deployment_stats> read_deployment_stats(sqlite3* db, std::int64_t since_ms,
                                                              int max_rows) {
  auto statement = prepare_sqlite(db, R"sql(
    SELECT deployment, status, error_code, latency_ms, ttft_ms FROM requests
    WHERE time_ms >= ?1 AND deployment != '' ORDER BY time_ms DESC LIMIT ?2
  )sql");
  sqlite3_stmt* s = statement.get();
  sqlite3_bind_int64(s, 1, since_ms);
  sqlite3_bind_int(s, 2, max_rows);
  std::map<std::string, std::vector<double>> latencies, ttfts;
  std::map<std::string, deployment_stats> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    const std::string id(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)),
                         static_cast<std::size_t>(sqlite3_column_bytes(s, 0)));
    auto& stats = out[id];
    const int status = sqlite3_column_int(s, 1);
    if (status < 200 || status > 299) {
      std::string kind(reinterpret_cast<const char*>(sqlite3_column_text(s, 2)),
                       static_cast<std::size_t>(sqlite3_column_bytes(s, 2)));
      if (kind.empty()) kind = "http_" + std::to_string(status);
      ++stats.failures[kind];
    }
    latencies[id].push_back(sqlite3_column_double(s, 3));
    if (sqlite3_column_type(s, 4) != SQLITE_NULL) ttfts[id].push_back(sqlite3_column_double(s, 4));
  }
  check_sqlite(rc, db, "cannot read the deployments' recent requests");
  for (auto& [id, values] : latencies) out[id].latency_ms = percentiles_of(values);
  for (auto& [id, values] : ttfts) out[id].ttft_ms = percentiles_of(values);
  return out;
}

}  // namespace keygate
