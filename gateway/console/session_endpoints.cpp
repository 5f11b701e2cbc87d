#include "gateway/console/session_endpoints.hpp"

#include <boost/asio/steady_timer.hpp>

#include "gateway/console/account.hpp"
#include "gateway/console/console_reply.hpp"
#include "gateway/console/csrf.hpp"
#include "gateway/console/json_fields.hpp"
#include "gateway/console/session_auth.hpp"
#include "gateway/console/session_cookie.hpp"
#include "gateway/logging/logging.hpp"

namespace keygate::console {

namespace {

// A wrong key is answered after this long, whatever was wrong with it: guessing keys through the
// console is slow, and the timing says nothing. The worker serves others meanwhile.
constexpr auto refused_sign_in_delay = std::chrono::milliseconds(400);

boost::json::value signed_out(bool auth_required) {
  return boost::json::object{{"signed_in", false}, {"auth_required", auth_required}};
}

boost::json::value signed_in(const caller& who, std::string_view csrf_token) {
  return boost::json::object{{"signed_in", true},
                             {"auth_required", who.snapshot && who.snapshot->auth_enabled},
                             {"csrf_token", csrf_token},
                             {"key", key_json(who)}};
}

task<void> get_session(exchange& ex, worker_services& services, console_services& console) {
  auto keys = services.shared.keys.current();
  if (!keys->auth_enabled) {
    caller local;
    local.snapshot = keys;
    const auto body = signed_in(local, console.local_csrf_token);
    co_return co_await respond_json(ex, body);
  }
  const auto token = session_cookie_of(ex.request());
  const auto now = unix_ms_now();
  std::optional<session> found;
  if (token) found = console.sessions.find(*token, now);
  std::optional<caller> who;
  if (found) who = console.sessions.resolve(*found, keys, now);
  if (!who) {
    if (token)
      ex.extra_headers().set(http::field::set_cookie, session_clear_cookie(console.secure_cookies));
    const auto body = signed_out(true);
    co_return co_await respond_json(ex, body);
  }
  const auto body = signed_in(*who, found->csrf_token);
  co_await respond_json(ex, body);
}

task<void> refuse_sign_in(exchange& ex, const api_error& error) {
  net::steady_timer delay(ex.executor(), refused_sign_in_delay);
  co_await delay.async_wait(use_nothrow);
  co_await respond_error(ex, error);
}

task<void> sign_in(exchange& ex, worker_services& services, console_services& console) {
  if (!origin_matches_host(ex.request())) {
    const api_error error{403, "origin_mismatch",
                          "Sign-in is only accepted from keygate's own page (Origin does not "
                          "match Host)."};
    co_return co_await respond_error(ex, error);
  }
  auto keys = services.shared.keys.current();
  if (!keys->auth_enabled) {
    caller local;
    local.snapshot = keys;
    const auto body = signed_in(local, console.local_csrf_token);
    co_return co_await respond_json(ex, body);
  }
  std::string secret;
  std::optional<api_error> unreadable;
  try {
    secret = optional_string(parse_object(ex.request().body()), "key").value_or("");
  } catch (const api_failure& failure) {
    unreadable = failure.error();
  }
  if (unreadable) co_return co_await respond_error(ex, *unreadable);
  // The key goes through the same check as an API request's (never stored, never logged).
  http_request probe;
  probe.set(http::field::authorization, "Bearer " + secret);
  caller who;
  const auto refused = secret.empty() ? std::optional<openai_error>(openai_error{})
                                      : authenticate(probe, keys, unix_ms_now(), who);
  probe.clear();
  if (refused) {
    const std::string code = refused->code.value_or("invalid_api_key");
    log_warn("console sign-in refused", {{"reason", secret.empty() ? "missing_key" : code}});
    const api_error error{401, code.empty() ? "invalid_api_key" : code,
                          refused->message.empty() ? "No key was given." : refused->message};
    co_return co_await refuse_sign_in(ex, error);
  }
  const auto now = unix_ms_now();
  auto made = co_await console.sessions.create(who, now);
  if (!made) co_return co_await respond_error(ex, *made.error);
  log_info("console sign-in", {{"key", who.key ? who.key->id : std::string("master")}});
  ex.extra_headers().set(http::field::set_cookie,
                         session_set_cookie(made->token, console.secure_cookies));
  const auto body = signed_in(who, made->stored.csrf_token);
  co_await respond_json(ex, body);
}

task<void> sign_out(exchange& ex, worker_services& services, console_services& console) {
  auto keys = services.shared.keys.current();
  const auto token = session_cookie_of(ex.request());
  const auto now = unix_ms_now();
  if (auto found = token ? console.sessions.find(*token, now) : std::nullopt) {
    if (!csrf_token_matches(ex.request(), found->csrf_token)) {
      const api_error error{403, "csrf_failed", "The request's X-CSRF-Token is missing or wrong."};
      co_return co_await respond_error(ex, error);
    }
    console.sessions.remove(found->token_hash);
  }
  ex.extra_headers().set(http::field::set_cookie, session_clear_cookie(console.secure_cookies));
  const auto body = signed_out(keys->auth_enabled);
  co_await respond_json(ex, body);
}

}  // namespace

task<void> handle_session(exchange& ex, worker_services& services, console_services& console) {
  switch (ex.request().method()) {
    case http::verb::get:
    case http::verb::head:
      co_return co_await get_session(ex, services, console);
    case http::verb::post:
      co_return co_await sign_in(ex, services, console);
    case http::verb::delete_:
      co_return co_await sign_out(ex, services, console);
    default:
      break;
  }
  ex.extra_headers().set(http::field::allow, "GET, POST, DELETE");
  const api_error error{405, "method_not_allowed", "Use GET, POST or DELETE here."};
  co_await respond_error(ex, error);
}

}  // namespace keygate::console
