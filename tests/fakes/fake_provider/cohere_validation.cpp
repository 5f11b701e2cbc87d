#include "cohere_validation.hpp"

#include <algorithm>
#include <initializer_list>

namespace fake {

namespace json = boost::json;

namespace {

using names = std::initializer_list<std::string_view>;

const names chat_fields{"model",
                        "messages",
                        "tools",
                        "strict_tools",
                        "documents",
                        "citation_options",
                        "response_format",
                        "safety_mode",
                        "max_tokens",
                        "stop_sequences",
                        "temperature",
                        "seed",
                        "frequency_penalty",
                        "presence_penalty",
                        "k",
                        "p",
                        "logprobs",
                        "tool_choice",
                        "thinking",
                        "priority",
                        "stream"};
const names embed_fields{"model",      "texts",           "images",           "inputs",
                         "input_type", "embedding_types", "output_dimension", "truncate",
                         "max_tokens", "priority"};

bool listed(names list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

std::string_view string_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string_view(value->get_string()) : std::string_view();
}

std::optional<std::string> unknown_field(const json::object& object, names allowed,
                                         const std::string& where) {
  for (const auto& field : object)
    if (!listed(allowed, field.key()))
      return "invalid request: unknown field: parameter " + where + std::string(field.key()) +
             " is not a valid field";
  return std::nullopt;
}

std::optional<std::string> check_tool_calls(const json::object& message, const std::string& at) {
  const auto* calls = message.if_contains("tool_calls");
  if (!calls) return std::nullopt;
  if (!calls->is_array()) return "invalid request: " + at + "tool_calls must be an array";
  for (const auto& item : calls->get_array()) {
    const auto* call = item.if_object();
    const auto* function = call ? call->if_contains("function") : nullptr;
    const auto* arguments = function && function->is_object()
                                ? function->get_object().if_contains("arguments")
                                : nullptr;
    if (string_of(call ? *call : json::object(), "id").empty() || !arguments ||
        !arguments->is_string())
      return "invalid request: " + at +
             "tool_calls need an id and a function with string arguments";
  }
  return std::nullopt;
}

std::optional<std::string> check_message(const json::value& item, std::size_t i) {
  const std::string at = "messages[" + std::to_string(i) + "].";
  const auto* message = item.if_object();
  if (!message) return "invalid request: " + at + " must be an object";
  const auto role = string_of(*message, "role");
  if (role == "system" || role == "user") return unknown_field(*message, {"role", "content"}, at);
  if (role == "tool") {
    if (string_of(*message, "tool_call_id").empty())
      return "invalid request: " + at + "tool_call_id is required";
    return unknown_field(*message, {"role", "content", "tool_call_id"}, at);
  }
  if (role != "assistant")
    return "invalid request: " + at + "role must be one of system, user, assistant, tool";
  if (auto error =
          unknown_field(*message, {"role", "content", "tool_calls", "tool_plan", "citations"}, at))
    return error;
  return check_tool_calls(*message, at);
}

std::optional<std::string> check_options(const json::object& request) {
  if (const auto* choice = request.if_contains("tool_choice")) {
    const std::string_view mode = choice->is_string() ? std::string_view(choice->get_string()) : "";
    if (mode != "REQUIRED" && mode != "NONE")
      return std::string("invalid request: tool_choice must be one of REQUIRED, NONE");
  }
  if (const auto* format = request.if_contains("response_format")) {
    const auto type = format->is_object() ? string_of(format->get_object(), "type") : "";
    if (type != "text" && type != "json_object")
      return std::string("invalid request: response_format.type must be text or json_object");
  }
  if (const auto* thinking = request.if_contains("thinking")) {
    const auto type = thinking->is_object() ? string_of(thinking->get_object(), "type") : "";
    if (type != "enabled" && type != "disabled")
      return std::string("invalid request: thinking.type must be enabled or disabled");
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_cohere_chat(const json::value& body) {
  const auto* request = body.if_object();
  if (!request) return std::string("invalid request: the body must be a JSON object");
  if (auto error = unknown_field(*request, chat_fields, "")) return error;
  if (string_of(*request, "model").empty())
    return std::string("invalid request: model is required");
  const auto* messages = request->if_contains("messages");
  if (!messages || !messages->is_array() || messages->get_array().empty())
    return std::string("invalid request: messages must be a non-empty array");
  for (std::size_t i = 0; i < messages->get_array().size(); ++i)
    if (auto error = check_message(messages->get_array()[i], i)) return error;
  return check_options(*request);
}

std::optional<std::string> check_cohere_embed(const json::value& body) {
  const auto* request = body.if_object();
  if (!request) return std::string("invalid request: the body must be a JSON object");
  if (auto error = unknown_field(*request, embed_fields, "")) return error;
  const auto* texts = request->if_contains("texts");
  if (!texts || !texts->is_array() || texts->get_array().empty())
    return std::string("invalid request: texts must be a non-empty array of strings");
  for (const auto& text : texts->get_array())
    if (!text.is_string())
      return std::string("invalid request: texts must be a non-empty array of strings");
  if (string_of(*request, "input_type").empty())
    return std::string(
        "invalid request: valid input_type must be provided with the provided model");
  return std::nullopt;
}

}  // namespace fake
