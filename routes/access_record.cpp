#include "routes/access_record.hpp"

#include <chrono>

#include "gateway/logging.hpp"

namespace keygate {

boost::json::object access_record(const exchange& ex, std::string_view route,
                                  std::string_view model, const route_report& report,
                                  const caller& who, const request_accounting& accounting) {
  const auto& outcome = report.outcome;
  auto elapsed = std::chrono::steady_clock::now() - ex.started_at();
  const auto cost = accounting.cost_nanos();
  return {{"request_id", ex.request_id()},
          {"route", route},
          {"model", model},
          {"key", who.key ? boost::json::value(who.key->id) : boost::json::value(nullptr)},
          {"deployment", report.served_by ? boost::json::value(report.served_by->id)
                                          : boost::json::value(nullptr)},
          {"attempts", report.attempts},
          {"status", outcome.status},
          {"prompt_tokens", outcome.usage.prompt},
          {"usage_known", outcome.usage.known},
          {"cost_nanos", cost ? boost::json::value(*cost) : boost::json::value(nullptr)},
          {"latency_us", std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()}};
}

void write_access_record(boost::json::object record, const chat_outcome& outcome) {
  if (!outcome.error_code.empty()) record["error"] = outcome.error_code;
  if (outcome.client_gone) record["client_gone"] = true;
  log_access(std::move(record));
}

route_report refused(const openai_error& error) {
  route_report report;
  report.outcome.status = error.status;
  report.outcome.error_code = error.code.value_or(error.type);
  return report;
}

}  // namespace keygate
