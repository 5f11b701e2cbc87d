#include "gateway/console/console_reply.hpp"

#include <boost/json/serialize.hpp>

namespace keygate::console {

task<void> respond_json(exchange& ex, const boost::json::value& body, http::status status) {
  ex.extra_headers().set(http::field::cache_control, "no-store");
  // Named first: GCC 12 mishandles some temporaries inside co_await (docs/coroutines.md).
  std::string text = boost::json::serialize(body);
  co_await ex.respond(status, std::move(text));
}

task<void> respond_error(exchange& ex, const api_error& error) {
  ex.extra_headers().set(http::field::cache_control, "no-store");
  std::string text = error.to_json();
  co_await ex.respond(static_cast<http::status>(error.status), std::move(text));
}

}  // namespace keygate::console
