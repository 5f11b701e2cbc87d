// The session cookie, kg_session: read from a request's Cookie headers, and set or cleared.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/http/exchange.hpp"

namespace keygate::console {

inline constexpr std::string_view session_cookie_name = "kg_session";
inline constexpr int session_max_age_seconds = 12 * 60 * 60;

// The value of the first kg_session cookie in `cookie_header` ("a=1; kg_session=x"); none when it
// is absent or empty.
std::optional<std::string_view> find_session_cookie(std::string_view cookie_header);
// The same over every Cookie header of a request.
std::optional<std::string_view> session_cookie_of(const http_request& request);

// Set-Cookie values: HttpOnly, SameSite=Strict, Path=/, Secure when the listener speaks TLS.
std::string session_set_cookie(std::string_view token, bool secure);
std::string session_clear_cookie(bool secure);

}  // namespace keygate::console
