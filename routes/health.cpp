#include "routes/routes.hpp"

namespace keygate {

task<void> handle_health(exchange& ex) {
  co_await ex.respond(http::status::ok, R"({"status":"ok"})");
}

}  // namespace keygate
