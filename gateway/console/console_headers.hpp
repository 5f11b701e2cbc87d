// What every console response carries (docs/console-api.md): the CSP and the other security
// headers, and no CORS headers.
#pragma once

#include <string_view>

#include "gateway/http/exchange.hpp"

namespace keygate::console {

inline constexpr std::string_view content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

// Sets the security headers on whatever this exchange answers, and drops CORS from it.
void mark_console_response(exchange& ex);

}  // namespace keygate::console
