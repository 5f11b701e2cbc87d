#include "gateway/translators/mistral/error_body.hpp"

#include <boost/json/parse.hpp>
#include <cctype>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::mistral {

namespace json = boost::json;

namespace {

using json_fields::find;
using json_fields::number;
using json_fields::string_at;

bool mentions_context_window(std::string_view message) {
  std::string lower(message);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view phrase : {"too large for model", "maximum context length", "context window",
                                  "context length", "too many tokens"})
    if (lower.find(phrase) != std::string::npos) return true;
  return false;
}

// pydantic's loc, ["body","messages",0,"name"], as OpenAI's param: "messages[0].name".
std::string param_of(const json::value& loc) {
  std::string param;
  if (!loc.is_array()) return param;
  for (const auto& part : loc.get_array()) {
    if (part.is_string()) {
      if (param.empty() && part.get_string() == "body") continue;
      if (!param.empty()) param += '.';
      param += part.get_string();
    } else if (part.is_int64()) {
      param += "[" + std::to_string(part.get_int64()) + "]";
    }
  }
  return param;
}

// A pydantic detail list: every problem in the message, the first one's place and kind.
void read_detail(const json::array& detail, openai_error& e) {
  std::string message;
  for (const auto& item : detail) {
    if (!item.is_object()) continue;
    const auto& problem = item.get_object();
    static const json::value no_loc;
    const auto* loc = find(problem, "loc");
    const auto param = param_of(loc ? *loc : no_loc);
    if (!message.empty()) message += "; ";
    message += (param.empty() ? "" : param + ": ") + std::string(string_at(problem, "msg"));
    if (!e.param && !param.empty()) e.param = param;
    if (!e.code && !string_at(problem, "type").empty())
      e.code = std::string(string_at(problem, "type"));
  }
  if (!message.empty()) e.message = std::move(message);
}

// The message, wherever this body keeps it.
void read_message(const json::object& body, openai_error& e) {
  for (const char* key : {"message", "detail"}) {
    const auto* value = find(body, key);
    if (!value) continue;
    if (value->is_string() && !value->get_string().empty()) {
      e.message = std::string(value->get_string());
      return;
    }
    if (value->is_array()) return read_detail(value->get_array(), e);
    if (value->is_object()) return read_message(value->get_object(), e);
  }
}

openai_error refined(int upstream_status, const json::object& body) {
  openai_error e = default_upstream_error(upstream_status);
  if (upstream_status == 422) e.status = 400;  // pydantic's validation error: a bad request
  read_message(body, e);
  const auto type = string_at(body, "type");
  if (e.status == 400 || e.status == 404) {
    e.type = "invalid_request_error";
    if (type == "invalid_model" || e.status == 404)
      e.code = "model_not_found";
    else if (mentions_context_window(e.message))
      e.code = "context_length_exceeded";
  }
  if (e.status == 401) e.type = "authentication_error";
  if (e.status == 429) e.type = "rate_limit_error";
  return e;
}

}  // namespace

openai_error error_from_response(int upstream_status, std::string_view body) {
  boost::system::error_code ec;
  auto parsed = json::parse(body, ec);
  static const json::object empty;
  return refined(upstream_status, !ec && parsed.is_object() ? parsed.get_object() : empty);
}

openai_error error_from_event(const json::object& error) {
  // Mistral's own events carry the status as raw_status_code; without one it is a server error.
  auto status = number(find(error, "raw_status_code"));
  if (!status) status = number(find(error, "code"));
  const int code = status && *status >= 400 && *status <= 599 ? static_cast<int>(*status) : 500;
  return refined(code, error);
}

}  // namespace keygate::mistral
