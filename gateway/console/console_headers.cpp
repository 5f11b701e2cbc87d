#include "gateway/console/console_headers.hpp"

namespace keygate::console {

void mark_console_response(exchange& ex) {
  auto& headers = ex.extra_headers();
  headers.set("Content-Security-Policy", content_security_policy);
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "no-referrer");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  ex.omit_cors();
}

}  // namespace keygate::console
