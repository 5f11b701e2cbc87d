#include "gateway/routes/admin_spend.hpp"

#include <boost/json/serialize.hpp>
#include <chrono>

#include "gateway/accounting/cost.hpp"
#include "gateway/accounting/ledger_store.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/routes/admin_query.hpp"
#include "gateway/routes/admin_request_json.hpp"
#include "gateway/routes/admin_spend_csv.hpp"

namespace keygate {

namespace {

constexpr std::int64_t a_day_ms = 86'400'000;

std::optional<spend_group> dimension(std::string_view name) {
  if (name == "key") return spend_group::key;
  if (name == "model") return spend_group::model;
  if (name == "day") return spend_group::day;
  if (name == "provider") return spend_group::provider;
  if (name == "deployment") return spend_group::deployment;
  if (name == "team") return spend_group::team;
  if (name == "end_user") return spend_group::end_user;
  return std::nullopt;
}

std::optional<openai_error> read_group_by(std::string_view text, spend_query& query) {
  const auto bad = invalid_request(
      "group_by must be one or two of day, model, provider, deployment, key, team, end_user "
      "(comma-separated).",
      "group_by");
  const auto comma = text.find(',');
  auto first = dimension(text.substr(0, comma));
  if (!first) return bad;
  query.group_by = *first;
  if (comma == std::string_view::npos) return std::nullopt;
  auto second = dimension(text.substr(comma + 1));
  if (!second || *second == *first) return bad;
  query.then_by = *second;
  return std::nullopt;
}

// The last 30 days, today included, in whole UTC days.
std::int64_t default_from_ms() {
  const std::int64_t today = unix_ms_now() / a_day_ms * a_day_ms;
  return today - 29 * a_day_ms;
}

boost::json::object row_json(const spend_row& row, bool two_dimensions) {
  boost::json::object out;
  out["group"] = row.group;
  if (two_dimensions) out["group2"] = row.group2;
  out["requests"] = row.requests;
  out["prompt_tokens"] = row.prompt_tokens;
  out["completion_tokens"] = row.completion_tokens;
  out["cached_tokens"] = row.cached_tokens;
  out["cache_write_tokens"] = row.cache_write_tokens;
  out["reasoning_tokens"] = row.reasoning_tokens;
  put_cost(out, row.cost_nanos);
  out["unknown_cost_requests"] = row.unknown_cost_requests;
  out["cache_hits"] = row.cache_hits;
  put_saved(out, row.saved_nanos);
  return out;
}

// Every row summed: what was spent and what the caches saved over the whole answer.
boost::json::object totals_json(const std::vector<spend_row>& rows) {
  spend_row sum;
  for (const auto& row : rows) {
    sum.requests += row.requests;
    sum.prompt_tokens += row.prompt_tokens;
    sum.completion_tokens += row.completion_tokens;
    sum.cached_tokens += row.cached_tokens;
    sum.cache_write_tokens += row.cache_write_tokens;
    sum.reasoning_tokens += row.reasoning_tokens;
    sum.cost_nanos += row.cost_nanos;
    sum.unknown_cost_requests += row.unknown_cost_requests;
    sum.cache_hits += row.cache_hits;
    sum.saved_nanos += row.saved_nanos;
  }
  auto out = row_json(sum, false);
  out.erase("group");
  return out;
}

openai_error no_ledger() {
  return {501, "The ledger is off in this gateway's config.", "server_error", std::nullopt,
          std::string("no_ledger")};
}

openai_error only_get() {
  return {405, "Use GET.", "invalid_request_error", std::nullopt,
          std::string("method_not_allowed")};
}

}  // namespace

task<void> handle_admin_spend(exchange& ex, worker_services& services, const caller& who) {
  if (ex.request().method() != http::verb::get) co_return co_await respond_error(ex, only_get());
  if (!services.shared.ledger) co_return co_await respond_error(ex, no_ledger());
  const ledger_store& book = *services.shared.ledger;
  admin_params params;
  auto problem = read_admin_params(ex.request().target(),
                                   {"key", "team", "model", "provider", "deployment", "end_user"},
                                   {"group_by", "format"}, params);
  spend_query query;
  if (!problem)
    if (auto it = params.others.find("group_by"); it != params.others.end())
      problem = read_group_by(it->second, query);
  const auto format = params.others.contains("format") ? params.others["format"] : "json";
  if (!problem && format != "json" && format != "csv")
    problem = invalid_request("format must be json or csv.", "format");
  std::vector<spend_row> rows;
  try {
    // Scoping a key to an end user reads the ledger too.
    if (!problem) problem = scope_to_caller(who, &book, params.filters);
    if (!problem) {
      query.key_id = params.filters.key;
      query.team = params.filters.team;
      query.model = params.filters.model;
      query.provider = params.filters.provider;
      query.deployment = params.filters.deployment;
      query.end_user = params.filters.end_user;
      query.from_ms = params.from_ms.value_or(default_from_ms());
      query.to_ms = params.to_ms;
      rows = book.query_spend(query);
    }
  } catch (const std::exception& e) {
    problem = ledger_read_error(e);  // 501 for what the store cannot read, 503 when it is away
  }
  if (problem) co_return co_await respond_error(ex, *problem);

  if (format == "csv") {
    ex.extra_headers().set(http::field::content_disposition,
                           "attachment; filename=\"keygate-spend.csv\"");
    co_return co_await ex.respond(http::status::ok, spend_csv(rows, query.then_by.has_value()),
                                  "text/csv; charset=utf-8");
  }
  boost::json::array data;
  for (const auto& row : rows) data.push_back(row_json(row, query.then_by.has_value()));
  boost::json::object body;  // named: see docs/coroutines.md
  body["object"] = "list";
  body["data"] = std::move(data);
  body["totals"] = totals_json(rows);
  co_await ex.respond(http::status::ok, boost::json::serialize(body));
}

}  // namespace keygate
