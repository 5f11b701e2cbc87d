#include "mistral_errors.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace fake {

namespace json = boost::json;
using keygate::task;

namespace {

std::string_view error_type(int status) {
  switch (status) {
    case 400:
      return "invalid_request_error";
    case 404:
      return "not_found";
    case 429:
      return "rate_limited";
    case 503:
      return "service_unavailable";
    default:
      return status < 500 ? "invalid_request_error" : "internal_error";
  }
}

std::string default_message(int status) {
  switch (status) {
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 429:
      return "Requests rate limit exceeded";
    case 503:
      return "Service unavailable.";
    default:
      return status >= 500 ? "Internal server error"
                           : "Fake provider error " + std::to_string(status) + ".";
  }
}

}  // namespace

json::object pydantic_problem(std::string_view type, json::array loc, std::string_view msg) {
  loc.insert(loc.begin(), json::value("body"));
  return {{"type", type}, {"loc", std::move(loc)}, {"msg", msg}};
}

void set_mistral_ratelimit_headers(keygate::exchange& ex, bool spent) {
  auto& h = ex.extra_headers();
  h.set("x-ratelimit-limit-req-minute", "60");
  h.set("x-ratelimit-remaining-req-minute", spent ? "0" : "59");
  h.set("x-ratelimit-limit-tokens-minute", "500000");
  h.set("x-ratelimit-remaining-tokens-minute", "499000");
}

task<void> send_mistral_validation_error(keygate::exchange& ex, json::array detail) {
  json::object body{{"object", "error"},
                    {"message", {{"detail", std::move(detail)}}},
                    {"type", "invalid_request_error"},
                    {"param", nullptr},
                    {"code", nullptr}};
  co_await ex.respond(static_cast<keygate::http::status>(422), json::serialize(body));
}

task<void> send_mistral_error(keygate::exchange& ex, int status, std::string message,
                              const fault_knobs& knobs) {
  if (status == 429) set_mistral_ratelimit_headers(ex, true);
  if (knobs.retry_after) ex.extra_headers().set("retry-after", std::to_string(*knobs.retry_after));
  if (message.empty()) message = default_message(status);
  json::object body;
  if (status == 401) {
    body = {{"message", message}, {"request_id", "fake-request"}};
  } else if (status == 429) {
    body = {{"message", message}};
  } else if (status == 422) {
    json::array detail{pydantic_problem("missing", json::array{"messages"}, "Field required")};
    co_return co_await send_mistral_validation_error(ex, std::move(detail));
  } else {
    body = {{"object", "error"},
            {"message", message},
            {"type", error_type(status)},
            {"param", nullptr},
            {"code", nullptr}};
  }
  co_await ex.respond(static_cast<keygate::http::status>(status), json::serialize(body));
}

}  // namespace fake
