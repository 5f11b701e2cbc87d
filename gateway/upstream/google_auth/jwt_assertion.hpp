// The signed JWT a service account trades for an OAuth2 access token (RFC 7523): RS256 over
// base64url(header) "." base64url(claims).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/upstream/google_auth/service_account.hpp"

namespace keygate::google_auth {

inline constexpr std::string_view cloud_platform_scope =
    "https://www.googleapis.com/auth/cloud-platform";
inline constexpr std::chrono::seconds assertion_lifetime{3600};

// base64url without padding.
std::string base64url(std::string_view bytes);

// The assertion for `account`, issued at `now`; nothing when its private key cannot be read or
// cannot sign (the caller says so without quoting the key).
std::optional<std::string> sign_assertion(const service_account& account,
                                          std::chrono::system_clock::time_point now,
                                          std::string_view scope = cloud_platform_scope);

}  // namespace keygate::google_auth
