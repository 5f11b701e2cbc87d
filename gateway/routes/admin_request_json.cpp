#include "gateway/routes/admin_request_json.hpp"

#include <boost/json/parse.hpp>
#include <string>

#include "gateway/accounting/cost.hpp"
#include "gateway/accounting/ledger_types.hpp"

namespace keygate {

namespace {

boost::json::value text_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  return boost::json::value(text);
}

boost::json::value ms_or_null(std::optional<double> ms) {
  if (!ms) return nullptr;
  return *ms;
}

// The attempt log as kept; null when it was not kept or cannot be read.
boost::json::value attempt_log_json(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  boost::json::error_code ec;
  auto value = boost::json::parse(*text, ec);
  if (ec || !value.is_array()) return nullptr;
  return value;
}

}  // namespace

void put_cost(boost::json::object& out, std::optional<std::int64_t> cost_nanos) {
  if (!cost_nanos) {
    out["cost_usd"] = nullptr;
    out["cost_nanos"] = nullptr;
    return;
  }
  out["cost_usd"] = std::stod(format_usd(*cost_nanos));
  out["cost_nanos"] = *cost_nanos;
}

void put_saved(boost::json::object& out, std::optional<std::int64_t> saved_nanos) {
  if (!saved_nanos) {
    out["saved_usd"] = nullptr;
    out["saved_nanos"] = nullptr;
    return;
  }
  out["saved_usd"] = std::stod(format_usd(*saved_nanos));
  out["saved_nanos"] = *saved_nanos;
}

boost::json::object request_row_json(const request_row& row) {
  boost::json::object out;
  out["request_id"] = row.request_id;
  out["time_ms"] = row.time_ms;
  out["key"] = row.key_id;
  out["team"] = text_or_null(row.team);
  out["end_user"] = text_or_null(row.end_user);
  out["route"] = row.endpoint;
  out["model"] = row.model;
  out["deployment"] = text_or_null(row.deployment);
  out["provider"] = text_or_null(row.provider);
  out["status"] = row.status;
  out["error"] = text_or_null(row.error_code);
  out["stream"] = row.stream;
  out["client_gone"] = row.client_gone;
  out["tokens"] = {{"prompt", row.usage.prompt},
                   {"completion", row.usage.completion},
                   {"cached", row.usage.cached},
                   {"cache_write", row.usage.cache_write},
                   {"reasoning", row.usage.reasoning}};
  put_cost(out, row.cost_nanos);
  out["cache_hit"] = row.cache_hit;
  put_saved(out, row.saved_nanos);
  out["total_ms"] = row.total_ms;
  out["ttft_ms"] = ms_or_null(row.ttft_ms);
  out["overhead_ms"] = row.overhead_ms;
  out["attempts"] = row.attempts;
  out["attempt_log"] = attempt_log_json(row.attempt_log);
  return out;
}

boost::json::object request_record_json(const ledger_record& record) {
  request_row row;
  row.request_id = record.request_id;
  row.time_ms = record.time_ms;
  row.key_id = record.key_id;
  row.team = record.team;
  row.end_user = record.end_user;
  row.endpoint = record.endpoint;
  row.model = record.model;
  row.deployment = record.deployment;
  row.provider = record.provider;
  row.status = record.status;
  row.error_code = record.error_code;
  row.stream = record.stream;
  row.client_gone = record.client_gone;
  row.usage = record.usage;
  row.cost_nanos = record.cost_nanos;
  row.cache_hit = record.cache_hit;
  row.saved_nanos = record.saved_nanos;
  row.total_ms = record.latency_ms;
  row.ttft_ms = record.ttft_ms;
  row.overhead_ms = record.overhead_ms;
  row.attempts = record.attempts;
  auto out = request_row_json(row);
  out.erase("attempt_log");  // the detail's, not the tail's
  return out;
}

}  // namespace keygate
