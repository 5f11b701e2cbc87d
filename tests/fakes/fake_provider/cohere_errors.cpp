#include "cohere_errors.hpp"

#include <atomic>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace fake {

namespace json = boost::json;
using keygate::task;

namespace {

std::atomic<std::uint64_t> next_error_id{1};

std::string default_message(int status) {
  switch (status) {
    case 401:
      return "invalid api token";
    case 404:
      return "model not found, make sure the correct model ID was used and that you have access "
             "to the model.";
    case 429:
      return "You are past the rate limit of this key; please retry later.";
    case 498:
      return "invalid api token";
    case 503:
      return "service unavailable";
    default:
      return status >= 500 ? "internal server error, this has been reported to our developers"
                           : "Fake provider error " + std::to_string(status) + ".";
  }
}

}  // namespace

task<void> send_cohere_error(keygate::exchange& ex, int status, std::string message,
                             const fault_knobs& knobs) {
  if (knobs.retry_after) ex.extra_headers().set("retry-after", std::to_string(*knobs.retry_after));
  if (message.empty()) message = default_message(status);
  const json::object body{{"id", "fake-error-" + std::to_string(next_error_id++)},
                          {"message", message}};
  co_await ex.respond(static_cast<keygate::http::status>(status), json::serialize(body));
}

}  // namespace fake
