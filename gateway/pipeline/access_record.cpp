#include "gateway/pipeline/access_record.hpp"

#include <chrono>

#include "gateway/logging/logging.hpp"

namespace keygate {

namespace {

std::chrono::microseconds micros_of(std::chrono::nanoseconds d) {
  return std::chrono::duration_cast<std::chrono::microseconds>(d);
}

void text_or_null(json_line& line, std::string_view key, std::string_view text) {
  if (text.empty())
    line.null_field(key);
  else
    line.field(key, text);
}

}  // namespace

json_line access_record(const exchange& ex, std::string_view route, std::string_view model,
                        const request_report& report, const caller& who,
                        const request_accounting& accounting, const metrics::request_times& times) {
  const auto& outcome = report.outcome;
  const auto& usage = outcome.usage;
  const auto cost = accounting.cost_nanos();
  const auto* served = report.served_by;
  auto line = start_access_line();
  line.field("request_id", ex.request_id()).field("route", route).field("model", model);
  if (who.key) {
    line.field("key", who.key->id);
    text_or_null(line, "key_alias", who.key->alias);
    text_or_null(line, "team", who.key->team);
  } else {
    line.null_field("key").null_field("key_alias").null_field("team");
  }
  if (served)
    line.field("deployment", served->id).field("provider", served->provider);
  else
    line.null_field("deployment").null_field("provider");
  line.field("attempts", report.attempts)
      .field("status", outcome.status)
      .field("prompt_tokens", usage.prompt)
      .open_object("tokens")
      .field("prompt", usage.prompt)
      .field("completion", usage.completion)
      .field("cached", usage.cached)
      .field("cache_write", usage.cache_write)
      .field("reasoning", usage.reasoning)
      .close_object()
      .field("usage_known", usage.known);
  // The endpoints billed per unit (docs/endpoints.md): what and how many.
  if (usage.unit != usage_unit::none)
    line.field("unit", unit_name(usage.unit)).field("units", usage.units);
  if (cost)
    line.field("cost_nanos", *cost).field("cost_usd", static_cast<double>(*cost) / 1e9);
  else
    line.null_field("cost_nanos").null_field("cost_usd");
  if (times.first_token)
    line.millis_field("ttft_ms", micros_of(*times.first_token));
  else
    line.null_field("ttft_ms");
  line.millis_field("total_ms", micros_of(times.total))
      .millis_field("overhead_ms", micros_of(times.overhead))
      .field("latency_us", micros_of(times.total).count());
  return line;
}

void write_access_record(json_line record, const answer_outcome& outcome) {
  if (!outcome.error_code.empty()) record.field("error", outcome.error_code);
  if (outcome.client_gone) record.field("client_gone", true);
  log_access(std::move(record));
}

}  // namespace keygate
