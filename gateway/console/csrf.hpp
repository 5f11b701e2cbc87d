// Cross-site request forgery checks (docs/console-api.md): the session's token on every request
// that may change something, and the sign-in's Origin against its Host.
#pragma once

#include <string_view>

#include "gateway/http/exchange.hpp"

namespace keygate::console {

// GET and HEAD change nothing and need no token.
bool needs_csrf_token(http::verb method);
// X-CSRF-Token equals `expected` (compared in constant time); false when absent.
bool csrf_token_matches(const http_request& request, std::string_view expected);
// No Origin header, or one whose host and port are the request's Host. "null" never matches.
bool origin_matches_host(const http_request& request);

}  // namespace keygate::console
