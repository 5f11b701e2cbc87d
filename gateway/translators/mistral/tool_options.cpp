#include "gateway/translators/mistral/tool_options.hpp"

#include "gateway/canonical/content_walk.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::mistral {

namespace json = boost::json;

namespace {

using json_fields::find;
using json_fields::object_at;
using json_fields::string_at;

std::variant<json::array, openai_error> function_tools(const json::value& tools) {
  json::array out;
  auto error =
      openai::for_each_function_tool(tools, [&](const json::object& function, const std::string&) {
        json::object native{{"name", string_at(function, "name")}};
        for (const char* key : {"description", "parameters", "strict"})
          if (const auto* value = find(function, key)) native[key] = *value;
        out.push_back(json::object{{"type", "function"}, {"function", std::move(native)}});
      });
  if (error) return *error;
  return out;
}

std::variant<json::value, openai_error> tool_choice(const json::value& choice) {
  if (choice.is_string()) {
    const std::string_view mode = choice.get_string();
    if (mode == "auto" || mode == "none" || mode == "required" || mode == "any") return choice;
  } else if (choice.is_object() && string_at(choice.get_object(), "type") == "function") {
    const auto name = string_at(object_at(choice.get_object(), "function"), "name");
    if (!name.empty())
      return json::value(json::object{{"type", "function"}, {"function", {{"name", name}}}});
  }
  return openai::unsupported("tool_choice", "This tool_choice is not supported by this provider.");
}

std::variant<json::value, openai_error> response_format(const json::value& format) {
  const auto type = format.is_object() ? string_at(format.get_object(), "type") : "";
  if (type == "text" || type == "json_object") return json::value(json::object{{"type", type}});
  if (type != "json_schema")
    return openai::unsupported("response_format.type", "This response_format is not supported.");
  const auto* spec = find(format.get_object(), "json_schema");
  if (!spec || !spec->is_object())
    return invalid_request("json_schema is required.", std::string("response_format.json_schema"));
  json::object schema;
  for (const char* key : {"name", "description", "schema", "strict"})
    if (const auto* value = find(spec->get_object(), key)) schema[key] = *value;
  return json::value(json::object{{"type", "json_schema"}, {"json_schema", std::move(schema)}});
}

}  // namespace

std::optional<openai_error> add_tool_options(const json::object& request, json::object& body) {
  if (const auto* tools = find(request, "tools")) {
    auto converted = function_tools(*tools);
    if (auto* error = std::get_if<openai_error>(&converted)) return *error;
    body["tools"] = std::move(std::get<json::array>(converted));
  }
  if (const auto* choice = find(request, "tool_choice")) {
    auto converted = tool_choice(*choice);
    if (auto* error = std::get_if<openai_error>(&converted)) return *error;
    body["tool_choice"] = std::move(std::get<json::value>(converted));
  }
  if (const auto* format = find(request, "response_format")) {
    auto converted = response_format(*format);
    if (auto* error = std::get_if<openai_error>(&converted)) return *error;
    body["response_format"] = std::move(std::get<json::value>(converted));
  }
  return std::nullopt;
}

}  // namespace keygate::mistral
