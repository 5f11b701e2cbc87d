#include "gateway/base/openai_error.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace keygate {

std::string openai_error::to_json() const {
  boost::json::object error;
  error["message"] = message;
  error["type"] = type;
  error["param"] = param ? boost::json::value(*param) : boost::json::value(nullptr);
  error["code"] = code ? boost::json::value(*code) : boost::json::value(nullptr);
  boost::json::object root;
  root["error"] = std::move(error);
  return boost::json::serialize(root);
}

std::string openai_error::to_sse_event() const {
  return "data: " + to_json() + "\n\n";
}

std::string_view error_type_for_status(int status) {
  switch (status) {
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
    case 405:
    case 400:
    case 413:
    case 422:
      return "invalid_request_error";
    case 408:
    case 504:
      return "timeout_error";
    case 429:
      return "rate_limit_error";
    default:
      return status < 500 ? "invalid_request_error" : "server_error";
  }
}

openai_error invalid_request(std::string message, std::optional<std::string> param,
                             std::optional<std::string> code) {
  return {400, std::move(message), "invalid_request_error", std::move(param), std::move(code)};
}

openai_error model_not_found(std::string_view model) {
  return {404, "The model '" + std::string(model) + "' does not exist or is not served here.",
          "invalid_request_error", std::string("model"), std::string("model_not_found")};
}

}  // namespace keygate
