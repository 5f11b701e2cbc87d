#include "gateway/console/session_auth.hpp"

#include "gateway/console/csrf.hpp"
#include "gateway/console/session_cookie.hpp"

namespace keygate::console {

bool uses_session(const http_request& request) {
  return presented_secret(request).empty() && session_cookie_of(request).has_value();
}

std::optional<openai_error> authenticate_session(console_services& console,
                                                 const http_request& request,
                                                 std::shared_ptr<const key_snapshot> keys,
                                                 std::int64_t now_ms, caller& out) {
  const auto token = session_cookie_of(request);
  std::optional<session> found;
  if (token) found = console.sessions.find(*token, now_ms);
  std::optional<caller> who;
  if (found) who = console.sessions.resolve(*found, std::move(keys), now_ms);
  if (!who)
    return openai_error{401, "Your console session has ended; sign in again.",
                        "invalid_request_error", std::nullopt, std::string("session_expired")};
  if (needs_csrf_token(request.method()) && !csrf_token_matches(request, found->csrf_token))
    return openai_error{403, "The request's X-CSRF-Token is missing or wrong.",
                        "invalid_request_error", std::nullopt, std::string("csrf_failed")};
  out = std::move(*who);
  return std::nullopt;
}

}  // namespace keygate::console
