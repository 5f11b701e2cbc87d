#include "gateway/canonical/embeddings_request.hpp"
#include "gateway/logging/logging.hpp"
#include "gateway/routes/access_record.hpp"
#include "gateway/routes/model_call.hpp"
#include "gateway/routes/request_outcome_metrics.hpp"
#include "gateway/routes/routes.hpp"

namespace keygate {

task<void> handle_embeddings(exchange& ex, worker_services& services, const caller& who) {
  embeddings_request request;
  request_accounting accounting(ex, services, who, "embeddings", request.common);
  route_report report;
  if (auto error = parse_embeddings_request(ex.request().body(), request))
    report = co_await refuse(ex, accounting, *error);
  else {
    const model_call call{request.common, &request};  // named: see docs/coroutines.md
    report = co_await run_model_call(ex, services, who, call, accounting);
  }
  const auto times = times_of(ex, false, report);
  count_model_request(services, "embeddings", request.common.model, report, accounting, times);
  if (!access_log_enabled()) co_return;
  auto record =
      access_record(ex, "embeddings", request.common.model, report, who, accounting, times);
  record.field("inputs", request.input_count);
  write_access_record(std::move(record), report.outcome);
}

}  // namespace keygate
