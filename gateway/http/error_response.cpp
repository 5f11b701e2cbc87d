#include "gateway/http/error_response.hpp"

namespace keygate {

task<void> respond_error(exchange& ex, const openai_error& error,
                         std::optional<std::chrono::milliseconds> retry_after) {
  co_await respond_error_body(ex, error.status, error.to_json(), retry_after);
}

task<void> respond_error_body(exchange& ex, int status, std::string body,
                              std::optional<std::chrono::milliseconds> retry_after) {
  if (retry_after) {
    const auto ms = retry_after->count();
    ex.extra_headers().set(http::field::retry_after, std::to_string((ms + 999) / 1000));
    ex.extra_headers().set("retry-after-ms", std::to_string(ms));
  }
  co_await ex.respond(static_cast<http::status>(status), std::move(body));
}

}  // namespace keygate
