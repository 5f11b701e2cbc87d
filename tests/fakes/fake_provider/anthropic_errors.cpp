#include "anthropic_errors.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <ctime>

namespace fake {

namespace json = boost::json;

namespace {

std::string rfc3339_in(int seconds) {
  const std::time_t at = std::time(nullptr) + seconds;
  std::tm tm{};
  gmtime_r(&at, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::string default_message(int status) {
  switch (status) {
    case 401:
      return "invalid x-api-key";
    case 404:
      return "model: not found";
    case 429:
      return "Number of request tokens has exceeded your per-minute rate limit.";
    case 529:
      return "Overloaded";
    default:
      return "Fake provider error " + std::to_string(status) + ".";
  }
}

}  // namespace

std::string_view anthropic_error_type(int status) {
  switch (status) {
    case 401:
      return "authentication_error";
    case 402:
      return "billing_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 504:
      return "timeout_error";
    case 529:
      return "overloaded_error";
    default:
      return status < 500 ? "invalid_request_error" : "api_error";
  }
}

keygate::task<void> send_anthropic_error(keygate::exchange& ex, int status, std::string message,
                                         const fault_knobs& knobs) {
  auto& headers = ex.extra_headers();
  if (status == 429) {
    const int reset = knobs.retry_after.value_or(1);
    headers.set("anthropic-ratelimit-requests-limit", "50");
    headers.set("anthropic-ratelimit-requests-remaining", "0");
    headers.set("anthropic-ratelimit-requests-reset", rfc3339_in(reset));
    headers.set("anthropic-ratelimit-tokens-limit", "40000");
    headers.set("anthropic-ratelimit-tokens-remaining", "39000");
    headers.set("anthropic-ratelimit-tokens-reset", rfc3339_in(60));
  }
  if (knobs.retry_after) headers.set("retry-after", std::to_string(*knobs.retry_after));
  if (message.empty()) message = default_message(status);
  json::object body{{"type", "error"},
                    {"error", {{"type", anthropic_error_type(status)}, {"message", message}}}};
  auto id = headers.find("request-id");
  body["request_id"] = std::string(id.value_or(""));
  co_await ex.respond(static_cast<keygate::http::status>(status), json::serialize(body));
}

}  // namespace fake
