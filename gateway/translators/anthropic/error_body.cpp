#include "gateway/translators/anthropic/error_body.hpp"

#include <boost/json/parse.hpp>
#include <cctype>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::anthropic {

namespace json = boost::json;

namespace {

using json_fields::string_at;

bool mentions_context_window(std::string_view message) {
  std::string lower(message);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view phrase : {"prompt is too long", "context window", "context length",
                                  "exceeds the maximum", "too many tokens"})
    if (lower.find(phrase) != std::string::npos) return true;
  return false;
}

// The status Anthropic uses for an error type, for errors that arrive inside a 200 stream.
int status_for_type(std::string_view type) {
  if (type == "invalid_request_error") return 400;
  if (type == "authentication_error") return 401;
  if (type == "billing_error") return 402;
  if (type == "permission_error") return 403;
  if (type == "not_found_error") return 404;
  if (type == "request_too_large") return 413;
  if (type == "rate_limit_error") return 429;
  if (type == "timeout_error") return 504;
  if (type == "overloaded_error") return 529;
  return 500;
}

void refine(openai_error& e, std::string_view type, std::string_view message) {
  if (!message.empty()) e.message = std::string(message);
  if (type == "invalid_request_error") {
    e.type = "invalid_request_error";
    if (mentions_context_window(message)) e.code = "context_length_exceeded";
  } else if (type == "authentication_error") {
    e.type = "authentication_error";
    e.code = "invalid_api_key";
  } else if (type == "billing_error") {
    e.type = "insufficient_quota";
    e.code = "insufficient_quota";
  } else if (type == "permission_error") {
    e.type = "permission_error";
  } else if (type == "not_found_error") {
    e.type = "invalid_request_error";
    e.code = "model_not_found";
  } else if (type == "request_too_large") {
    e.type = "invalid_request_error";
    e.code = "request_too_large";
  } else if (type == "rate_limit_error") {
    e.type = "rate_limit_error";
    e.code = "rate_limit_exceeded";
  } else if (type == "timeout_error") {
    e.type = "timeout_error";
  } else if (type == "overloaded_error") {
    e.type = "server_error";
    e.code = "overloaded";
  } else if (type == "api_error") {
    e.type = "server_error";
  }
}

}  // namespace

openai_error error_from_response(int upstream_status, std::string_view body) {
  openai_error e = default_upstream_error(upstream_status);
  boost::system::error_code ec;
  auto parsed = json::parse(body, ec);
  if (ec || !parsed.is_object()) return e;
  auto error = parsed.get_object().find("error");
  if (error == parsed.get_object().end() || !error->value().is_object()) return e;
  const auto& fields = error->value().get_object();
  refine(e, string_at(fields, "type"), string_at(fields, "message"));
  return e;
}

openai_error error_from_event(const json::object& error) {
  const auto type = string_at(error, "type");
  openai_error e = default_upstream_error(status_for_type(type));
  refine(e, type, string_at(error, "message"));
  return e;
}

}  // namespace keygate::anthropic
