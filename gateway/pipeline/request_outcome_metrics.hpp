// Counts a finished model request (chat or embeddings) in the metrics: its status, times and the
// in-flight gauge. Tokens and cost are counted by request_accounting, with the ledger record.
#pragma once

#include <string_view>

#include "gateway/metrics/request_metrics.hpp"
#include "gateway/pipeline/request_accounting.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

// The request's whole time, keygate's own share of it, and its time to first token (a stream that
// started).
metrics::request_times times_of(const exchange& ex, bool stream, const request_report& report);

void count_model_request(const worker_services& services, std::string_view route,
                         std::string_view model, const request_report& report,
                         const request_accounting& accounting, const metrics::request_times& times);

// A request to a model route refused at authentication: no key, no model.
void count_unauthenticated(std::string_view route, int status, const exchange& ex);

}  // namespace keygate
