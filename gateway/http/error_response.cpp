#include "gateway/http/error_response.hpp"

namespace keygate {

task<void> respond_error(exchange& ex, const openai_error& error,
                         std::optional<std::chrono::milliseconds> retry_after) {
  http_response response{static_cast<http::status>(error.status), 11};
  response.set(http::field::content_type, "application/json");
  if (retry_after) {
    const auto ms = retry_after->count();
    response.set(http::field::retry_after, std::to_string((ms + 999) / 1000));
    response.set("retry-after-ms", std::to_string(ms));
  }
  response.body() = error.to_json();
  co_await ex.respond(std::move(response));
}

}  // namespace keygate
