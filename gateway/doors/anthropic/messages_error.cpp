#include "gateway/doors/anthropic/messages_error.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace keygate::doors::anthropic {

std::string_view error_type_for(int status) {
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
    case 503:
    case 529:
      return "overloaded_error";
    case 408:
    case 504:
      return "timeout_error";
    default:
      return status < 500 ? "invalid_request_error" : "api_error";
  }
}

std::string error_body(const openai_error& error) {
  boost::json::object inner;
  inner["type"] = error_type_for(error.status);
  inner["message"] = error.message;
  boost::json::object root;
  root["type"] = "error";
  root["error"] = std::move(inner);
  return boost::json::serialize(root);
}

std::string error_event(const openai_error& error) {
  return "event: error\ndata: " + error_body(error) + "\n\n";
}

}  // namespace keygate::doors::anthropic
