#include "ollama_checks.hpp"

#include <array>
#include <boost/json/serialize.hpp>

namespace fake {

namespace json = boost::json;

namespace {

const json::value* field(const json::object& object, std::string_view key) {
  auto it = object.find(key);
  return it == object.end() || it->value().is_null() ? nullptr : &it->value();
}

bool is_base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// Go's base64 decoder: the offset of the first byte it refuses, or nothing.
std::optional<std::size_t> bad_base64_at(std::string_view text) {
  std::size_t data_end = text.size();
  while (data_end > 0 && text.size() - data_end < 2 && text[data_end - 1] == '=') --data_end;
  for (std::size_t i = 0; i < data_end; ++i)
    if (!is_base64_char(text[i])) return i;
  if (text.size() % 4 != 0) return text.size();
  return std::nullopt;
}

std::optional<std::string> model_problem(const json::object& request) {
  const auto* model = field(request, "model");
  if (!model || !model->is_string() || model->get_string().empty()) return "model is required";
  return std::nullopt;
}

std::optional<std::string> message_problem(const json::value& item) {
  constexpr std::array<std::string_view, 4> roles{"system", "user", "assistant", "tool"};
  if (!item.is_object()) return "json: cannot unmarshal into Go value of type api.Message";
  const auto& message = item.get_object();
  const auto* role = field(message, "role");
  if (!role || !role->is_string() ||
      std::find(roles.begin(), roles.end(), std::string_view(role->get_string())) == roles.end())
    return "invalid role: messages must have role system, user, assistant or tool";
  if (const auto* content = field(message, "content"); content && !content->is_string())
    return "json: cannot unmarshal " + json::serialize(*content) +
           " into Go struct field Message.messages.content of type string";
  if (const auto* images = field(message, "images"); images && images->is_array())
    for (const auto& image : images->get_array()) {
      if (!image.is_string()) return "illegal base64 data at input byte 0";
      if (auto at = bad_base64_at(image.get_string()))
        return "illegal base64 data at input byte " + std::to_string(*at);
    }
  if (const auto* calls = field(message, "tool_calls"); calls && calls->is_array())
    for (const auto& call : calls->get_array()) {
      const auto* function = call.is_object() ? field(call.get_object(), "function") : nullptr;
      const auto* args =
          function && function->is_object() ? field(function->get_object(), "arguments") : nullptr;
      if (args && !args->is_object())
        return "json: cannot unmarshal " + std::string(args->is_string() ? "string" : "value") +
               " into Go struct field ToolCallFunction.messages.tool_calls.function.arguments of "
               "type api.ToolCallFunctionArguments";
    }
  return std::nullopt;
}

std::string error_body(const std::string& message) {
  return json::serialize(json::object{{"error", message}});
}

}  // namespace

std::optional<std::string> ollama_chat_problem(const json::value& body) {
  if (!body.is_object()) return "invalid request body";
  const auto& request = body.get_object();
  if (auto problem = model_problem(request)) return problem;
  if (const auto* messages = field(request, "messages")) {
    if (!messages->is_array())
      return "json: cannot unmarshal into Go struct field ChatRequest.messages of type "
             "[]api.Message";
    for (const auto& message : messages->get_array())
      if (auto problem = message_problem(message)) return problem;
  }
  if (const auto* stream = field(request, "stream"); stream && !stream->is_bool())
    return "json: cannot unmarshal into Go struct field ChatRequest.stream of type bool";
  if (const auto* think = field(request, "think")) {
    const bool level =
        think->is_string() && (think->get_string() == "low" || think->get_string() == "medium" ||
                               think->get_string() == "high");
    if (!think->is_bool() && !level) return "invalid think value: must be a bool or a level";
  }
  if (const auto* format = field(request, "format");
      format && !format->is_object() &&
      !(format->is_string() && (format->get_string() == "json" || format->get_string().empty())))
    return "invalid format: expected \"json\" or a JSON schema";
  return std::nullopt;
}

std::optional<std::string> ollama_embed_problem(const json::value& body) {
  if (!body.is_object()) return "invalid request body";
  const auto& request = body.get_object();
  if (auto problem = model_problem(request)) return problem;
  const auto* input = field(request, "input");
  bool texts = input && (input->is_string() || input->is_array());
  if (texts && input->is_array())
    for (const auto& item : input->get_array()) texts = texts && item.is_string();
  if (!texts) return "invalid input type";
  return std::nullopt;
}

keygate::task<void> send_ollama_error(keygate::exchange& ex, int status, std::string message,
                                      std::string_view model) {
  if (message.empty()) {
    switch (status) {
      case 401:
        message = "unauthorized";
        break;
      case 404:
        message = "model \"" + std::string(model) + "\" not found, try pulling it first";
        break;
      case 429:
        message = "too many requests";
        break;
      case 503:
        message = "server busy, please try again.  maximum pending requests exceeded";
        break;
      default:
        message = status >= 500 ? "an error was encountered while running the model"
                                : "fake provider error " + std::to_string(status);
    }
  }
  co_await ex.respond(static_cast<keygate::http::status>(status), error_body(message),
                      "application/json; charset=utf-8");
}

bool ollama_unauthorized(const keygate::http_request& req) {
  auto it = req.find(keygate::http::field::authorization);
  return it != req.end() && it->value() == "Bearer bad-key";
}

}  // namespace fake
