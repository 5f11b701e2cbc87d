// The access log line both model routes write: the shared fields, then each route's own.
#pragma once

#include <string_view>

#include "gateway/access/authenticate.hpp"
#include "gateway/base/json_line.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/metrics/request_metrics.hpp"
#include "gateway/pipeline/request_accounting.hpp"

namespace keygate {

// Request id, route, model, key and its alias and team, deployment, provider, attempts, status,
// tokens, cost, and the times: total, keygate's own share, first token.
json_line access_record(const exchange& ex, std::string_view route, std::string_view model,
                        const request_report& report, const caller& who,
                        const request_accounting& accounting, const metrics::request_times& times);
// Adds the error and client-gone marks, and writes the line.
void write_access_record(json_line record, const answer_outcome& outcome);

}  // namespace keygate
