#include "last_request.hpp"

#include <mutex>
#include <optional>
#include <string>

#include "gateway/http/error_response.hpp"

namespace fake {

namespace {

std::mutex last_mutex;
std::optional<std::string> last_body;

}  // namespace

void remember_request(std::string_view body) {
  std::lock_guard lock(last_mutex);
  last_body.emplace(body);
}

keygate::task<void> respond_last_request(keygate::exchange& ex) {
  std::optional<std::string> body;
  {
    std::lock_guard lock(last_mutex);
    body = last_body;
  }
  if (!body) {
    const keygate::openai_error none{404, "No chat request yet.", "invalid_request_error", {}, {}};
    co_return co_await keygate::respond_error(ex, none);
  }
  co_await ex.respond(keygate::http::status::ok, std::move(*body));
}

}  // namespace fake
