#include "gateway/canonical/chat_request.hpp"
#include "gateway/logging/logging.hpp"
#include "gateway/routes/access_record.hpp"
#include "gateway/routes/model_call.hpp"
#include "gateway/routes/request_outcome_metrics.hpp"
#include "gateway/routes/routes.hpp"

namespace keygate {

task<void> handle_chat_completions(exchange& ex, worker_services& services, const caller& who) {
  chat_request request;
  request_accounting accounting(ex, services, who, "chat.completions", request);
  route_report report;
  if (auto error = parse_chat_request(ex.request().body(), request))
    report = co_await refuse(ex, accounting, *error);
  else {
    const model_call call{request};  // named: see docs/coroutines.md
    report = co_await run_model_call(ex, services, who, call, accounting);
  }
  const auto times = times_of(ex, request.stream, report);
  count_model_request(services, "chat.completions", request.model, report, accounting, times);
  if (!access_log_enabled()) co_return;
  auto record =
      access_record(ex, "chat.completions", request.model, report, who, accounting, times);
  record.field("stream", request.stream)
      .field("completion_tokens", report.outcome.usage.completion);
  write_access_record(std::move(record), report.outcome);
}

}  // namespace keygate
