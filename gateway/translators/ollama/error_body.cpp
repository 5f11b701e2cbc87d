#include "gateway/translators/ollama/error_body.hpp"

#include <boost/json/parse.hpp>
#include <cctype>
#include <string>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/ollama/json_fields.hpp"

namespace keygate::ollama {

namespace json = boost::json;

namespace {

std::string lowered(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

bool mentions(const std::string& lower, std::initializer_list<std::string_view> phrases) {
  for (auto phrase : phrases)
    if (lower.find(phrase) != std::string::npos) return true;
  return false;
}

// The message refines type and code: Ollama's bodies carry nothing else.
openai_error refined(int upstream_status, std::string_view message) {
  openai_error e = default_upstream_error(upstream_status);
  if (message.empty()) return e;
  e.message = std::string(message);
  const std::string lower = lowered(message);
  if (mentions(lower, {"does not support tools"})) {
    e = invalid_request(e.message, std::string("tools"), std::string("unsupported_parameter"));
  } else if (mentions(lower, {"does not support thinking"})) {
    e = invalid_request(e.message, std::string("reasoning_effort"),
                        std::string("unsupported_parameter"));
  } else if (mentions(lower, {"context length", "context window", "exceeds the maximum",
                              "too many tokens", "prompt is too long"})) {
    if (e.status < 500) e.type = "invalid_request_error";
    e.code = "context_length_exceeded";
  } else if (e.status == 404 || mentions(lower, {"not found, try pulling"})) {
    e.status = 404;
    e.type = "invalid_request_error";
    e.code = "model_not_found";
  }
  return e;
}

std::string_view message_of(const json::value& error) {
  if (error.is_string()) return error.get_string();
  if (error.is_object()) return string_at(error.get_object(), "message");
  return {};
}

}  // namespace

openai_error error_from_response(int upstream_status, std::string_view body) {
  boost::system::error_code ec;
  auto parsed = json::parse(body, ec);
  const json::value* error =
      !ec && parsed.is_object() ? find(parsed.get_object(), "error") : nullptr;
  return refined(upstream_status, error ? message_of(*error) : std::string_view());
}

openai_error error_from_message(std::string_view message) {
  return refined(500, message);
}

}  // namespace keygate::ollama
