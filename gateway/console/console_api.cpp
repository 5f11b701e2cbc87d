#include "gateway/console/console_api.hpp"

#include <vector>

#include "gateway/console/console_headers.hpp"
#include "gateway/console/console_reply.hpp"
#include "gateway/console/conversation_endpoints.hpp"
#include "gateway/console/csrf.hpp"
#include "gateway/console/key_endpoints.hpp"
#include "gateway/console/session_auth.hpp"
#include "gateway/console/session_endpoints.hpp"
#include "gateway/console/static_files.hpp"

namespace keygate::console {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    const auto slash = path.find('/');
    if (slash != 0) parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

api_error error_of(const openai_error& e) {
  return {e.status, e.code.value_or(e.type), e.message};
}

// Who the request acts as: the session's key, a key sent as on the API, or the local caller when
// no key is configured; checks the CSRF token where one is needed.
std::optional<api_error> identify(exchange& ex, worker_services& services,
                                  console_services& console, caller& who) {
  auto keys = services.shared.keys.current();
  const auto& request = ex.request();
  if (!keys->auth_enabled) {
    who.snapshot = keys;
    if (needs_csrf_token(request.method()) &&
        !csrf_token_matches(request, console.local_csrf_token))
      return api_error{403, "csrf_failed", "The request's X-CSRF-Token is missing or wrong."};
    return std::nullopt;
  }
  if (uses_session(request)) {
    if (auto error = authenticate_session(console, request, keys, unix_ms_now(), who))
      return error_of(*error);
    return std::nullopt;
  }
  if (presented_secret(request).empty())
    return api_error{401, "not_signed_in", "Sign in first (POST /console/session)."};
  if (auto error = authenticate(request, keys, unix_ms_now(), who)) return error_of(*error);
  return std::nullopt;
}

}  // namespace

bool is_console_path(std::string_view path) {
  return is_static_path(path) || path == "/console" || path.starts_with("/console/");
}

task<void> handle_console(exchange& ex, worker_services& services, console_services* console,
                          std::string_view path) {
  if (is_static_path(path)) co_return co_await serve_static(ex, path, console != nullptr);
  mark_console_response(ex);
  if (!console) {
    const api_error error{404, "console_disabled",
                          "The web console is turned off in this keygate's configuration."};
    co_return co_await respond_error(ex, error);
  }
  const auto parts = split_path(path.substr(std::string_view("/console").size()));
  if (parts.size() == 1 && parts[0] == "session")
    co_return co_await handle_session(ex, services, *console);

  caller who;
  if (auto error = identify(ex, services, *console, who))
    co_return co_await respond_error(ex, *error);
  console_request r{ex, services, *console, who, owner_of(who)};
  const std::string_view first = parts.empty() ? std::string_view() : parts[0];
  if (parts.size() == 1 && first == "models") co_return co_await handle_models(r);
  if (parts.size() == 1 && first == "account") co_return co_await handle_account(r);
  if (parts.size() == 1 && first == "preferences") co_return co_await handle_preferences(r);
  if (parts.size() == 1 && first == "search") co_return co_await handle_search(r);
  if (parts.size() == 1 && first == "import") co_return co_await handle_import(r);
  if (first == "conversations") {
    const std::span<const std::string_view> rest(parts.data() + 1, parts.size() - 1);
    co_return co_await handle_conversations(r, rest);
  }
  const api_error error = not_found("No such console endpoint: " + std::string(path) + ".");
  co_await respond_error(ex, error);
}

}  // namespace keygate::console
