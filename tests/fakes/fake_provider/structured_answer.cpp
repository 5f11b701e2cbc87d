#include "structured_answer.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cctype>

#include "openai_api.hpp"

namespace fake {

namespace json = boost::json;

namespace {

std::string_view string_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string_view(value->get_string()) : std::string_view();
}

}  // namespace

std::string answer_text(int tokens) {
  std::string text;
  for (int i = 0; i < tokens; ++i) text += token_text(i);
  return text;
}

std::string json_for_schema(const json::value* schema, int tokens) {
  const auto* properties =
      schema && schema->is_object() ? schema->get_object().if_contains("properties") : nullptr;
  if (!properties || !properties->is_object() || properties->get_object().empty())
    return json::serialize(json::object{{"answer", answer_text(tokens)}});
  json::object out;
  for (const auto& [name, property] : properties->get_object()) {
    std::string kind(property.is_object() ? string_of(property.get_object(), "type") : "");
    for (char& c : kind) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (kind == "integer" || kind == "number")
      out[name] = tokens;
    else if (kind == "boolean")
      out[name] = true;
    else
      out[name] = answer_text(tokens);
  }
  return json::serialize(out);
}

std::optional<std::string> json_answer(const json::object& request, int tokens) {
  const auto* format = request.if_contains("response_format");
  const auto type = format && format->is_object() ? string_of(format->get_object(), "type") : "";
  if (type == "json_object") return json_for_schema(nullptr, tokens);
  if (type != "json_schema") return std::nullopt;
  const auto* spec = format->get_object().if_contains("json_schema");
  return json_for_schema(
      spec && spec->is_object() ? spec->get_object().if_contains("schema") : nullptr, tokens);
}

}  // namespace fake
