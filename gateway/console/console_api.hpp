// The console's part of the HTTP server: its pages and assets (/ and /assets/...) and its API
// (/console/...), every response with the console's security headers and without CORS.
#pragma once

#include <string_view>

#include "gateway/console/console_services.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate::console {

// The path (no query, no /v1 prefix taken off) is the console's.
bool is_console_path(std::string_view path);

// `console` is null when the configuration turned the console off.
task<void> handle_console(exchange& ex, worker_services& services, console_services* console,
                          std::string_view path);

}  // namespace keygate::console
