#include "gateway/console/key_endpoints.hpp"

#include <charconv>

#include "gateway/accounting/ledger_lookups.hpp"
#include "gateway/console/account.hpp"
#include "gateway/console/console_models.hpp"
#include "gateway/console/console_reply.hpp"
#include "gateway/console/import_plan.hpp"
#include "gateway/console/json_fields.hpp"
#include "gateway/console/preferences.hpp"
#include "gateway/console/search.hpp"
#include "gateway/logging/logging.hpp"

namespace keygate::console {

namespace {

task<void> only(console_request& r, std::string_view allowed) {
  r.ex.extra_headers().set(http::field::allow, allowed);
  const api_error error{405, "method_not_allowed", "Use " + std::string(allowed) + " here."};
  co_await respond_error(r.ex, error);
}

bool is_get(const console_request& r) {
  return r.ex.request().method() == http::verb::get || r.ex.request().method() == http::verb::head;
}

}  // namespace

task<void> handle_models(console_request& r) {
  if (!is_get(r)) co_return co_await only(r, "GET");
  const auto table = r.services.store.current();
  boost::json::value body = console_models(table->cfg(), r.who);
  co_await respond_json(r.ex, body);
}

task<void> handle_account(console_request& r) {
  if (!is_get(r)) co_return co_await only(r, "GET");
  const auto now = unix_ms_now();
  // The limiter's own counters are exact when they live in this process; with Redis they do not,
  // and this instance's ledger is asked instead (on the console's threads: it may scan a period).
  if (!r.services.shared.make_limiter) {
    auto& limits = r.services.shared.local_limits;
    boost::json::value body = account_json(
        r.who, now, [&limits](const std::string&, const std::string& budget_id, std::int64_t) {
          return limits.spent(budget_id);
        });
    co_return co_await respond_json(r.ex, body);
  }
  // Named: a lambda temporary inside co_await is destroyed twice by GCC 12.
  auto job = [who = r.who, now](db_handles db) {
    return account_json(who, now,
                        [&db](const std::string& scope, const std::string&, std::int64_t since) {
                          if (!db.ledger) return std::int64_t{0};
                          const std::string id = scope.substr(2);
                          return scope.starts_with("k:") ? read_key_spend(db.ledger, id, since)
                                                         : read_team_spend(db.ledger, id, since);
                        });
  };
  auto result = co_await r.console.pool.run(std::move(job));
  if (!result) co_return co_await respond_error(r.ex, *result.error);
  boost::json::value body = std::move(*result);
  co_await respond_json(r.ex, body);
}

task<void> handle_preferences(console_request& r) {
  const auto method = r.ex.request().method();
  if (!is_get(r) && method != http::verb::put) co_return co_await only(r, "GET, PUT");
  const bool write = method == http::verb::put;
  // Named: a lambda temporary inside co_await is destroyed twice by GCC 12.
  auto job = [owner = r.me.id, body = write ? r.ex.request().body() : std::string(),
              write](db_handles db) {
    return write ? write_preferences(db.console, owner, body) : read_preferences(db.console, owner);
  };
  auto result = co_await r.console.pool.run(std::move(job));
  if (!result) co_return co_await respond_error(r.ex, *result.error);
  r.ex.extra_headers().set(http::field::cache_control, "no-store");
  co_await r.ex.respond(http::status::ok, std::move(*result));
}

task<void> handle_search(console_request& r) {
  if (!is_get(r)) co_return co_await only(r, "GET");
  std::int64_t limit = 20;
  if (auto text = r.query("limit")) {
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (ec != std::errc() || ptr != text->data() + text->size()) {
      const api_error error = bad_request("limit must be a whole number.");
      co_return co_await respond_error(r.ex, error);
    }
  }
  // Named: a lambda temporary inside co_await is destroyed twice by GCC 12.
  auto job = [owner = r.me.id, words = r.query("q").value_or(""), limit](db_handles db) {
    return search_messages(db.console, owner, words, limit);
  };
  auto result = co_await r.console.pool.run(std::move(job));
  if (!result) co_return co_await respond_error(r.ex, *result.error);
  boost::json::value body = std::move(*result);
  co_await respond_json(r.ex, body);
}

task<void> handle_import(console_request& r) {
  if (r.ex.request().method() != http::verb::post) co_return co_await only(r, "POST");
  const auto now = unix_ms_now();
  // The body is the connection's no more: moved to the job, which parses and writes it.
  // Named: a lambda temporary inside co_await is destroyed twice by GCC 12.
  auto job = [owner = r.me.id, body = std::move(r.ex.request().body()), now](db_handles db) {
    const auto plan = plan_import(body, now);
    return write_import(db.console, owner, plan, now);
  };
  auto result = co_await r.console.pool.run(std::move(job));
  if (!result) co_return co_await respond_error(r.ex, *result.error);
  log_info("console import", {{"owner", r.me.visible_id}, {"conversations", *result}});
  boost::json::value body = boost::json::object{{"imported", *result}};
  co_await respond_json(r.ex, body);
}

}  // namespace keygate::console
