#include "gateway/console/conversation_endpoints.hpp"

#include <charconv>

#include "gateway/access/authenticate.hpp"
#include "gateway/console/console_reply.hpp"
#include "gateway/console/conversations.hpp"
#include "gateway/console/export.hpp"
#include "gateway/console/json_fields.hpp"
#include "gateway/console/messages.hpp"

namespace keygate::console {

namespace {

template <class T>
task<void> answer(console_request& r, api_result<T> result) {
  if (!result) co_return co_await respond_error(r.ex, *result.error);
  boost::json::value body = std::move(*result);
  co_await respond_json(r.ex, body);
}

task<void> wrong_method(console_request& r, std::string_view allowed) {
  r.ex.extra_headers().set(http::field::allow, allowed);
  const api_error error{405, "method_not_allowed",
                        "Method " + std::string(r.ex.request().method_string()) +
                            " is not allowed here; use " + std::string(allowed) + "."};
  co_await respond_error(r.ex, error);
}

std::optional<api_error> read_limit(const console_request& r, std::int64_t& limit) {
  const auto text = r.query("limit");
  if (!text) return std::nullopt;
  const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (ec != std::errc() || ptr != text->data() + text->size())
    return bad_request("limit must be a whole number.");
  return std::nullopt;
}

task<void> list_or_create(console_request& r) {
  const auto now = unix_ms_now();
  if (r.ex.request().method() == http::verb::post) {
    // Named: a lambda temporary inside co_await is destroyed twice by GCC 12.
    auto job = [me = r.me, body = r.ex.request().body(), now](db_handles db) {
      return create_conversation(db.console, me, parse_object(body), now);
    };
    auto result = co_await r.console.pool.run(std::move(job));
    co_return co_await answer(r, std::move(result));
  }
  if (r.ex.request().method() != http::verb::get) co_return co_await wrong_method(r, "GET, POST");
  page_request page;
  page.before = r.query("before");
  if (auto error = read_limit(r, page.limit)) co_return co_await respond_error(r.ex, *error);
  // Named: a lambda temporary inside co_await is destroyed twice by GCC 12.
  auto job = [me = r.me, page](db_handles db) {
    return list_conversations(db.console, me.id, page);
  };
  auto result = co_await r.console.pool.run(std::move(job));
  co_await answer(r, std::move(result));
}

task<void> one_conversation(console_request& r, std::string id) {
  const auto now = unix_ms_now();
  const auto method = r.ex.request().method();
  if (method == http::verb::get) {
    // Named: a lambda temporary inside co_await is destroyed twice by GCC 12.
    auto job = [me = r.me, id, now](db_handles db) {
      return read_conversation(db.console, db.ledger, me, id, now);
    };
    auto result = co_await r.console.pool.run(std::move(job));
    co_return co_await answer(r, std::move(result));
  }
  if (method == http::verb::patch) {
    // Named: a lambda temporary inside co_await is destroyed twice by GCC 12.
    auto job = [me = r.me, id, body = r.ex.request().body(), now](db_handles db) {
      return patch_conversation(db.console, me, id, parse_object(body), now);
    };
    auto result = co_await r.console.pool.run(std::move(job));
    co_return co_await answer(r, std::move(result));
  }
  if (method == http::verb::delete_) {
    // Named: a lambda temporary inside co_await is destroyed twice by GCC 12.
    auto job = [me = r.me, id](db_handles db) {
      delete_conversation(db.console, me, id);
      return boost::json::object{{"id", id}, {"deleted", true}};
    };
    auto result = co_await r.console.pool.run(std::move(job));
    co_return co_await answer(r, std::move(result));
  }
  co_await wrong_method(r, "GET, PATCH, DELETE");
}

task<void> export_conversation(console_request& r, std::string id) {
  if (r.ex.request().method() != http::verb::get) co_return co_await wrong_method(r, "GET");
  const std::string format = r.query("format").value_or("markdown");
  if (format != "markdown" && format != "json") {
    const api_error error = bad_request("format must be markdown or json.");
    co_return co_await respond_error(r.ex, error);
  }
  const auto now = unix_ms_now();
  // Named: a lambda temporary inside co_await is destroyed twice by GCC 12.
  auto job = [me = r.me, id, now](db_handles db) {
    return read_conversation(db.console, db.ledger, me, id, now);
  };
  auto result = co_await r.console.pool.run(std::move(job));
  if (!result) co_return co_await respond_error(r.ex, *result.error);
  const bool markdown = format == "markdown";
  http_response response{http::status::ok, r.ex.request().version()};
  response.set(http::field::content_type,
               markdown ? "text/markdown; charset=utf-8" : "application/json");
  response.set(
      http::field::content_disposition,
      "attachment; filename=\"" + export_file_name(*result, markdown ? "md" : "json") + "\"");
  response.set(http::field::cache_control, "no-store");
  response.body() = markdown ? export_markdown(*result) : export_json(*result);
  co_await r.ex.respond(std::move(response));
}

task<void> messages(console_request& r, std::string conversation,
                    std::optional<std::string> message) {
  const auto now = unix_ms_now();
  const auto method = r.ex.request().method();
  if (!message) {
    if (method != http::verb::post) co_return co_await wrong_method(r, "POST");
    // Named: a lambda temporary inside co_await is destroyed twice by GCC 12.
    auto job = [me = r.me, conversation, body = r.ex.request().body(), now](db_handles db) {
      return add_message(db.console, me, conversation, parse_object(body), now);
    };
    auto result = co_await r.console.pool.run(std::move(job));
    co_return co_await answer(r, std::move(result));
  }
  if (method != http::verb::patch) co_return co_await wrong_method(r, "PATCH");
  // Named: a lambda temporary inside co_await is destroyed twice by GCC 12.
  auto job = [me = r.me, conversation, id = *message, body = r.ex.request().body(),
              now](db_handles db) {
    return patch_message(db.console, db.ledger, me, conversation, id, parse_object(body), now);
  };
  auto result = co_await r.console.pool.run(std::move(job));
  co_await answer(r, std::move(result));
}

}  // namespace

task<void> handle_conversations(console_request& r, std::span<const std::string_view> parts) {
  if (parts.empty()) co_return co_await list_or_create(r);
  const std::string id(parts[0]);
  if (parts.size() == 1) co_return co_await one_conversation(r, id);
  if (parts.size() == 2 && parts[1] == "export") co_return co_await export_conversation(r, id);
  if (parts[1] == "messages" && parts.size() <= 3) {
    std::optional<std::string> message;
    if (parts.size() == 3) message = std::string(parts[2]);
    co_return co_await messages(r, id, message);
  }
  const api_error error = not_found("No such console endpoint.");
  co_await respond_error(r.ex, error);
}

}  // namespace keygate::console
