// Who a request acts as when it comes from the console: its session cookie's key, checked against
// the keys in force on every request, and its CSRF token on every request that may change
// something. Used by the console API and by /v1 (gateway/routes/dispatch.cpp), so a chat the
// console sends takes the same path, limits and ledger as any client's.
#pragma once

#include <optional>

#include "gateway/access/authenticate.hpp"
#include "gateway/base/openai_error.hpp"
#include "gateway/console/console_services.hpp"

namespace keygate::console {

// The request carries the session cookie and no key of its own (a key, when sent, wins).
bool uses_session(const http_request& request);

// Fills `out` with the session's caller; otherwise the error to send: 401 session_expired (no such
// session, or its key was revoked, expired or replaced; the session is gone then) or 403
// csrf_failed. Never names the token.
std::optional<openai_error> authenticate_session(console_services& console,
                                                 const http_request& request,
                                                 std::shared_ptr<const key_snapshot> keys,
                                                 std::int64_t now_ms, caller& out);

}  // namespace keygate::console
