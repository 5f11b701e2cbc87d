// The end user below the caller's key (docs/access.md#end-users): who in a household or a team
// sharing one key asked, for the ledger and for per-end-user limits.
#pragma once

#include <string>
#include <string_view>

#include "gateway/canonical/canonical_request.hpp"
#include "gateway/http/exchange.hpp"

namespace keygate {

// The most bytes of an end user's name kept; longer names are cut.
inline constexpr std::size_t max_end_user_bytes = 128;

// The configured header (`auth.end_user_header`) when set and present, else Open WebUI's forwarded
// user (X-OpenWebUI-User-Email, then -Id, then -Name), else the body's `user`; "" when none.
std::string end_user_of(const http_request& request, const canonical_request& body,
                        std::string_view configured_header);

}  // namespace keygate
