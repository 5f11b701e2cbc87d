#include "gateway/console/console_reply.hpp"

#include <boost/json/serialize.hpp>

namespace keygate::console {

task<void> respond_json(exchange& ex, const boost::json::value& body, http::status status) {
  ex.extra_headers().set(http::field::cache_control, "no-store");
  co_await ex.respond(status, boost::json::serialize(body));
}

task<void> respond_error(exchange& ex, const api_error& error) {
  ex.extra_headers().set(http::field::cache_control, "no-store");
  co_await ex.respond(static_cast<http::status>(error.status), error.to_json());
}

}  // namespace keygate::console
