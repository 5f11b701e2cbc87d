#include "gateway/routes/admin_spend.hpp"

#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <charconv>

#include "gateway/accounting/cost.hpp"
#include "gateway/accounting/ledger_store.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/logging/logging.hpp"

namespace keygate {

namespace {

std::optional<std::int64_t> parse_time(std::string_view text) {
  std::int64_t ms = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (ec == std::errc() && end == text.data() + text.size() && text.size() > 10) return ms;
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || std::sscanf(std::string(text).c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3)
    return std::nullopt;
  using namespace std::chrono;
  const year_month_day day{year(y), month(static_cast<unsigned>(m)),
                           std::chrono::day(static_cast<unsigned>(d))};
  if (!day.ok()) return std::nullopt;
  return duration_cast<milliseconds>(sys_days(day).time_since_epoch()).count();
}

// Reads the query string into `out`; the 400 for the first bad parameter.
std::optional<openai_error> read_query(std::string_view target, spend_query& out) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return invalid_request("The query string cannot be read.");
  for (const auto& param : url->params()) {
    const std::string& value = param.value;
    if (param.key == "group_by") {
      if (value == "key")
        out.group_by = spend_group::key;
      else if (value == "model")
        out.group_by = spend_group::model;
      else if (value == "day")
        out.group_by = spend_group::day;
      else if (value == "end_user")
        out.group_by = spend_group::end_user;
      else
        return invalid_request("group_by must be key, model, day or end_user.", "group_by");
    } else if (param.key == "key") {
      out.key_id = value;
    } else if (param.key == "model") {
      out.model = value;
    } else if (param.key == "from" || param.key == "to") {
      auto ms = parse_time(value);
      if (!ms) return invalid_request(param.key + " must be YYYY-MM-DD or unix ms.", param.key);
      (param.key == "from" ? out.from_ms : out.to_ms) = *ms;
    } else {
      return invalid_request("Unknown parameter " + param.key + ".", param.key);
    }
  }
  return std::nullopt;
}

boost::json::object row_json(const spend_row& row) {
  return {{"group", row.group},
          {"requests", row.requests},
          {"prompt_tokens", row.prompt_tokens},
          {"completion_tokens", row.completion_tokens},
          {"cached_tokens", row.cached_tokens},
          {"cache_write_tokens", row.cache_write_tokens},
          {"reasoning_tokens", row.reasoning_tokens},
          {"cost_usd", std::stod(format_usd(row.cost_nanos))},
          {"cost_nanos", row.cost_nanos},
          {"unknown_cost_requests", row.unknown_cost_requests}};
}

}  // namespace

task<void> handle_admin_spend(exchange& ex, worker_services& services) {
  if (ex.request().method() != http::verb::get) {
    const openai_error error{405, "Use GET.", "invalid_request_error", std::nullopt,
                             std::string("method_not_allowed")};
    co_return co_await respond_error(ex, error);
  }
  if (!services.shared.ledger) {
    const openai_error error{501, "The ledger is off in this gateway's config.", "server_error",
                             std::nullopt, std::string("no_ledger")};
    co_return co_await respond_error(ex, error);
  }
  spend_query query;
  if (auto error = read_query(ex.request().target(), query))
    co_return co_await respond_error(ex, *error);
  std::vector<spend_row> rows;
  bool read = true;
  try {
    rows = services.shared.ledger->query_spend(query);
  } catch (const std::exception& e) {
    // A shared ledger whose server is away; the message names the server, never a password.
    log_warn("spend report failed", {{"reason", e.what()}});
    read = false;
  }
  if (!read) {
    const openai_error error{503, "The ledger cannot be read right now; try again shortly.",
                             "server_error", std::nullopt, std::string("ledger_unavailable")};
    co_return co_await respond_error(ex, error);
  }
  boost::json::array data;
  for (const auto& row : rows) data.push_back(row_json(row));
  boost::json::object body;  // named: see docs/coroutines.md
  body["object"] = "list";
  body["data"] = std::move(data);
  co_await ex.respond(http::status::ok, boost::json::serialize(body));
}

}  // namespace keygate
