#include "gateway/routes/admin_requests.hpp"

#include <boost/json/serialize.hpp>
#include <boost/url/pct_string_view.hpp>
#include <charconv>

#include "gateway/accounting/ledger_store.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/routes/admin_query.hpp"
#include "gateway/routes/admin_request_json.hpp"
#include "gateway/routes/admin_scope.hpp"

namespace keygate {

namespace {

bool whole_number(std::string_view text, std::int64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

// A code ("200"), a class ("4xx") or "error" (anything but 2xx).
std::optional<status_range> read_status(std::string_view text) {
  if (text == "error") return status_range{200, 299, true};
  if (text.size() == 3 && text[0] >= '1' && text[0] <= '5' && text.substr(1) == "xx") {
    const int base = (text[0] - '0') * 100;
    return status_range{base, base + 99, false};
  }
  std::int64_t code = 0;
  if (whole_number(text, code) && code >= 100 && code <= 599)
    return status_range{static_cast<int>(code), static_cast<int>(code), false};
  return std::nullopt;
}

// The cursor is "<time_ms>.<id>" of the last row shown; the client treats it as opaque.
std::string cursor_text(const request_cursor& cursor) {
  return std::to_string(cursor.time_ms) + "." + std::to_string(cursor.id);
}

std::optional<request_cursor> read_cursor(std::string_view text) {
  const auto dot = text.find('.');
  request_cursor cursor;
  if (dot == std::string_view::npos || !whole_number(text.substr(0, dot), cursor.time_ms) ||
      !whole_number(text.substr(dot + 1), cursor.id))
    return std::nullopt;
  return cursor;
}

std::optional<openai_error> read_page_params(admin_params& params, requests_query& query) {
  if (auto it = params.others.find("status"); it != params.others.end() && !it->second.empty()) {
    query.status = read_status(it->second);
    if (!query.status)
      return invalid_request("status must be a code (200), a class (4xx) or error.", "status");
  }
  if (auto it = params.others.find("before"); it != params.others.end() && !it->second.empty()) {
    query.before = read_cursor(it->second);
    if (!query.before) return invalid_request("before is not a cursor keygate gave.", "before");
  }
  if (auto it = params.others.find("limit"); it != params.others.end()) {
    std::int64_t limit = 0;
    if (!whole_number(it->second, limit) || limit < 1 || limit > 200)
      return invalid_request("limit must be 1 to 200.", "limit");
    query.limit = static_cast<int>(limit);
  }
  return std::nullopt;
}

openai_error request_not_found() {
  return {404, "No such request.", "invalid_request_error", std::nullopt,
          std::string("request_not_found")};
}

task<void> one_request(exchange& ex, const ledger_store& book, const caller& who,
                       std::string_view id) {
  // Only the master key reads every key's rows; a virtual key's other rows are "not found" too.
  std::optional<std::string> own_key;
  if (!who.master) own_key = std::string(who.key_id());
  auto encoded = boost::urls::make_pct_string_view(id);
  std::optional<request_row> row;
  std::optional<openai_error> problem;
  if (encoded) {
    const std::string request_id(encoded->decode());
    try {
      row = book.find_request(request_id, own_key);
    } catch (const std::exception& e) {
      problem = ledger_read_error(e);
    }
  }
  if (problem) co_return co_await respond_error(ex, *problem);
  if (!row) co_return co_await respond_error(ex, request_not_found());
  const auto body = boost::json::serialize(request_row_json(*row));
  co_await ex.respond(http::status::ok, body);
}

}  // namespace

task<void> handle_admin_requests(exchange& ex, worker_services& services, const caller& who,
                                 std::string_view rest) {
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
  const ledger_store& book = *services.shared.ledger;
  if (!rest.empty()) co_return co_await one_request(ex, book, who, rest.substr(1));

  admin_params params;
  requests_query query;
  auto problem =
      read_admin_params(ex.request().target(), {"key", "team", "model", "deployment", "end_user"},
                        {"status", "before", "limit"}, params);
  if (!problem) problem = read_page_params(params, query);
  requests_page page;
  try {
    // Scoping a key to an end user reads the ledger too.
    if (!problem) problem = scope_to_caller(who, &book, params.filters);
    if (!problem) {
      query.key_id = params.filters.key;
      query.team = params.filters.team;
      query.model = params.filters.model;
      query.deployment = params.filters.deployment;
      query.end_user = params.filters.end_user;
      query.from_ms = params.from_ms;
      query.to_ms = params.to_ms;
      page = book.query_requests(query);
    }
  } catch (const std::exception& e) {
    problem = ledger_read_error(e);  // 501 for what the store cannot read, 503 when it is away
  }
  if (problem) co_return co_await respond_error(ex, *problem);
  boost::json::array data;
  for (const auto& row : page.rows) {
    auto out = request_row_json(row);
    out.erase("attempt_log");  // one request's detail has it; a page stays light
    data.push_back(std::move(out));
  }
  boost::json::object body;  // named: see docs/coroutines.md
  body["object"] = "list";
  body["data"] = std::move(data);
  if (page.next)
    body["next"] = cursor_text(*page.next);
  else
    body["next"] = nullptr;
  co_await ex.respond(http::status::ok, boost::json::serialize(body));
}

}  // namespace keygate
