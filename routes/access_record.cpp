#include "routes/access_record.hpp"

#include <chrono>

#include "gateway/logging.hpp"

namespace keygate {

namespace {

double millis_of(std::chrono::nanoseconds d) {
  return static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(d).count()) /
         1000;
}

boost::json::value or_null(std::string_view text) {
  return text.empty() ? boost::json::value(nullptr) : boost::json::value(text);
}

}  // namespace

boost::json::object access_record(const exchange& ex, std::string_view route,
                                  std::string_view model, const route_report& report,
                                  const caller& who, const request_accounting& accounting,
                                  const metrics::request_times& times) {
  const auto& outcome = report.outcome;
  const auto& usage = outcome.usage;
  const auto cost = accounting.cost_nanos();
  const auto* served = report.served_by;
  return {
      {"request_id", ex.request_id()},
      {"route", route},
      {"model", model},
      {"key", who.key ? boost::json::value(who.key->id) : boost::json::value(nullptr)},
      {"key_alias", who.key ? or_null(who.key->alias) : boost::json::value(nullptr)},
      {"team", who.key ? or_null(who.key->team) : boost::json::value(nullptr)},
      {"deployment", served ? boost::json::value(served->id) : boost::json::value(nullptr)},
      {"provider", served ? boost::json::value(served->provider) : boost::json::value(nullptr)},
      {"attempts", report.attempts},
      {"status", outcome.status},
      {"prompt_tokens", usage.prompt},
      {"tokens",
       {{"prompt", usage.prompt},
        {"completion", usage.completion},
        {"cached", usage.cached},
        {"cache_write", usage.cache_write},
        {"reasoning", usage.reasoning}}},
      {"usage_known", usage.known},
      {"cost_nanos", cost ? boost::json::value(*cost) : boost::json::value(nullptr)},
      {"cost_usd",
       cost ? boost::json::value(static_cast<double>(*cost) / 1e9) : boost::json::value(nullptr)},
      {"ttft_ms", times.first_token ? boost::json::value(millis_of(*times.first_token))
                                    : boost::json::value(nullptr)},
      {"total_ms", millis_of(times.total)},
      {"overhead_ms", millis_of(times.overhead)},
      {"latency_us", std::chrono::duration_cast<std::chrono::microseconds>(times.total).count()}};
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
