#include "gemini_errors.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace fake {

namespace json = boost::json;

namespace {

std::string default_message(int status) {
  switch (status) {
    case 404:
      return "models/gemini-fake is not found for API version v1beta.";
    case 429:
      return "You exceeded your current quota, please check your plan and billing details.";
    case 503:
      return "The model is overloaded. Please try again later.";
    default:
      return "Fake provider error " + std::to_string(status) + ".";
  }
}

keygate::task<void> send_body(keygate::exchange& ex, int status, json::object error) {
  json::object body{{"error", std::move(error)}};
  co_await ex.respond(static_cast<keygate::http::status>(status), json::serialize(body));
}

}  // namespace

std::string_view gemini_error_status(int status) {
  switch (status) {
    case 400:
      return "INVALID_ARGUMENT";
    case 401:
      return "UNAUTHENTICATED";
    case 403:
      return "PERMISSION_DENIED";
    case 404:
      return "NOT_FOUND";
    case 429:
      return "RESOURCE_EXHAUSTED";
    case 499:
      return "CANCELLED";
    case 501:
      return "UNIMPLEMENTED";
    case 503:
      return "UNAVAILABLE";
    case 504:
      return "DEADLINE_EXCEEDED";
    default:
      return status < 500 ? "FAILED_PRECONDITION" : "INTERNAL";
  }
}

keygate::task<void> send_gemini_error(keygate::exchange& ex, int status, std::string message,
                                      const fault_knobs& knobs) {
  if (message.empty()) message = default_message(status);
  json::object error{
      {"code", status}, {"message", message}, {"status", gemini_error_status(status)}};
  if (status == 429)
    error["details"] = json::array{
        json::object{
            {"@type", "type.googleapis.com/google.rpc.QuotaFailure"},
            {"violations",
             json::array{json::object{
                 {"quotaMetric", "generativelanguage.googleapis.com/generate_content_requests"},
                 {"quotaId", "GenerateRequestsPerMinutePerProjectPerModel"}}}}},
        json::object{{"@type", "type.googleapis.com/google.rpc.RetryInfo"},
                     {"retryDelay", std::to_string(knobs.retry_after.value_or(1)) + "s"}}};
  co_await send_body(ex, status, std::move(error));
}

keygate::task<void> send_gemini_bad_key(keygate::exchange& ex) {
  json::object error{
      {"code", 400},
      {"message", "API key not valid. Please pass a valid API key."},
      {"status", "INVALID_ARGUMENT"},
      {"details", json::array{json::object{
                      {"@type", "type.googleapis.com/google.rpc.ErrorInfo"},
                      {"reason", "API_KEY_INVALID"},
                      {"domain", "googleapis.com"},
                      {"metadata", {{"service", "generativelanguage.googleapis.com"}}}}}}};
  co_await send_body(ex, 400, std::move(error));
}

}  // namespace fake
