#include "bedrock_errors.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace fake {

std::string_view bedrock_error_type(int status) {
  switch (status) {
    case 400:
      return "ValidationException";
    case 403:
      return "AccessDeniedException";
    case 404:
      return "ResourceNotFoundException";
    case 408:
      return "ModelTimeoutException";
    case 424:
      return "ModelErrorException";
    case 429:
      return "ThrottlingException";
    case 503:
      return "ServiceUnavailableException";
    default:
      return status < 500 ? "ValidationException" : "InternalServerException";
  }
}

keygate::task<void> send_bedrock_error(keygate::exchange& ex, int status, std::string_view type,
                                       std::string message, const fault_knobs& knobs) {
  auto& headers = ex.extra_headers();
  if (type.empty()) type = bedrock_error_type(status);
  headers.set("x-amzn-ErrorType",
              std::string(type) + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
  if (knobs.retry_after) headers.set("retry-after", std::to_string(*knobs.retry_after));
  if (message.empty()) message = "Fake provider error " + std::to_string(status) + ".";
  boost::json::object body;
  body["message"] = message;
  co_await ex.respond(static_cast<keygate::http::status>(status), boost::json::serialize(body));
}

}  // namespace fake
