// GET and HEAD of the console's pages and assets, from the files embedded in the binary: the
// copy the client's Accept-Encoding prefers, ETag and If-None-Match, the security headers.
#pragma once

#include <string_view>

#include "gateway/console/embedded_files.hpp"
#include "gateway/http/exchange.hpp"

namespace keygate::console {

// "/" or "/assets/...": the console's own paths (every other path belongs to the API).
bool is_static_path(std::string_view path);

// Answers the request for `path` (without the query). Unknown assets and other methods get a
// JSON error; a binary built without the console answers / with a 404 that says so.
task<void> serve_static(exchange& ex, std::string_view path, bool console_enabled);

// The If-None-Match header names this ETag (or is "*"); weak tags compare by their value.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace keygate::console
