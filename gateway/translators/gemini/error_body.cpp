#include "gateway/translators/gemini/error_body.hpp"

#include <boost/json/parse.hpp>
#include <cctype>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/gemini/json_fields.hpp"

namespace keygate::gemini {

namespace json = boost::json;

namespace {

bool mentions_context_window(std::string_view message) {
  std::string lower(message);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view phrase :
       {"input token count", "exceeds the maximum number of tokens", "context window",
        "context length", "prompt is too long", "too many tokens"})
    if (lower.find(phrase) != std::string::npos) return true;
  return false;
}

// Whether any details entry carries this ErrorInfo reason.
bool has_reason(const json::object& error, std::string_view reason) {
  const auto* details = find(error, "details");
  if (!details || !details->is_array()) return false;
  for (const auto& detail : details->get_array())
    if (detail.is_object() && string_at(detail.get_object(), "reason") == reason) return true;
  return false;
}

// The HTTP status Google uses for a canonical status name, for errors inside a 200 stream.
int status_for(std::string_view status) {
  if (status == "INVALID_ARGUMENT" || status == "FAILED_PRECONDITION" || status == "OUT_OF_RANGE")
    return 400;
  if (status == "UNAUTHENTICATED") return 401;
  if (status == "PERMISSION_DENIED") return 403;
  if (status == "NOT_FOUND") return 404;
  if (status == "RESOURCE_EXHAUSTED") return 429;
  if (status == "CANCELLED") return 499;
  if (status == "UNAVAILABLE") return 503;
  if (status == "DEADLINE_EXCEEDED") return 504;
  return 500;
}

openai_error refined(int upstream_status, const json::object& error) {
  const auto status = string_at(error, "status");
  const auto message = string_at(error, "message");
  if (has_reason(error, "API_KEY_INVALID")) upstream_status = 401;
  openai_error e = default_upstream_error(upstream_status);
  if (!message.empty()) e.message = std::string(message);
  if (e.status == 401) {
    e.type = "authentication_error";
    e.code = "invalid_api_key";
  } else if (status == "INVALID_ARGUMENT" || status == "FAILED_PRECONDITION") {
    e.type = "invalid_request_error";
    if (mentions_context_window(message)) e.code = "context_length_exceeded";
  } else if (status == "RESOURCE_EXHAUSTED") {
    e.type = "rate_limit_error";
    e.code = "rate_limit_exceeded";
  } else if (status == "UNAVAILABLE") {
    e.type = "server_error";
    e.code = "overloaded";
  } else if (status == "NOT_FOUND") {
    e.type = "invalid_request_error";
    e.code = "model_not_found";
  } else if (status == "DEADLINE_EXCEEDED") {
    e.type = "timeout_error";
  }
  return e;
}

const json::object* error_object(const json::value& parsed) {
  if (!parsed.is_object()) return nullptr;
  const auto* error = find(parsed.get_object(), "error");
  return error && error->is_object() ? &error->get_object() : nullptr;
}

}  // namespace

openai_error error_from_response(int upstream_status, std::string_view body) {
  boost::system::error_code ec;
  auto parsed = json::parse(body, ec);
  const auto* error = ec ? nullptr : error_object(parsed);
  return error ? refined(upstream_status, *error) : default_upstream_error(upstream_status);
}

openai_error error_from_object(const json::object& error) {
  auto code = number(find(error, "code"));
  const int status = code && *code >= 400 && *code <= 599 ? static_cast<int>(*code)
                                                          : status_for(string_at(error, "status"));
  return refined(status, error);
}

std::optional<std::chrono::milliseconds> retry_delay(std::string_view body) {
  boost::system::error_code ec;
  auto parsed = json::parse(body, ec);
  const auto* error = ec ? nullptr : error_object(parsed);
  if (!error) return std::nullopt;
  const auto* details = find(*error, "details");
  if (!details || !details->is_array()) return std::nullopt;
  for (const auto& detail : details->get_array())
    if (detail.is_object())
      if (auto delay = string_at(detail.get_object(), "retryDelay"); !delay.empty())
        return parse_go_duration(delay);
  return std::nullopt;
}

}  // namespace keygate::gemini
