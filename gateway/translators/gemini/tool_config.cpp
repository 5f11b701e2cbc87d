#include "gateway/translators/gemini/tool_config.hpp"

#include <variant>

#include "gateway/translators/gemini/json_fields.hpp"

namespace keygate::gemini {

namespace json = boost::json;

namespace {

std::variant<json::array, openai_error> function_declarations(const json::value& tools,
                                                              bool& dropped_strict) {
  json::array out;
  auto error =
      openai::for_each_function_tool(tools, [&](const json::object& function, const std::string&) {
        json::object declaration{{"name", string_at(function, "name")}};
        if (auto description = string_at(function, "description"); !description.empty())
          declaration["description"] = description;
        if (const auto* parameters = find(function, "parameters");
            parameters && parameters->is_object())
          declaration["parameters"] = *parameters;
        if (find(function, "strict")) dropped_strict = true;
        out.push_back(std::move(declaration));
      });
  if (error) return *error;
  return out;
}

std::variant<json::object, openai_error> calling_config(const json::value& choice) {
  if (choice.is_string()) {
    const std::string_view mode = choice.get_string();
    if (mode == "auto") return json::object{{"mode", "AUTO"}};
    if (mode == "none") return json::object{{"mode", "NONE"}};
    if (mode == "required") return json::object{{"mode", "ANY"}};
  } else if (choice.is_object() && string_at(choice.get_object(), "type") == "function") {
    const auto name = string_at(object_at(choice.get_object(), "function"), "name");
    if (!name.empty())
      return json::object{{"mode", "ANY"}, {"allowedFunctionNames", json::array{name}}};
  }
  return unsupported("tool_choice", "This tool_choice is not supported by this provider.");
}

}  // namespace

std::optional<openai_error> add_tools(const json::object& request, json::object& native,
                                      std::vector<std::string>& dropped) {
  json::array declarations;
  bool dropped_strict = false;
  if (const auto* given = find(request, "tools")) {
    auto converted = function_declarations(*given, dropped_strict);
    if (auto* error = std::get_if<openai_error>(&converted)) return *error;
    declarations = std::move(std::get<json::array>(converted));
  }
  std::optional<json::object> config;
  if (const auto* given = find(request, "tool_choice")) {
    auto converted = calling_config(*given);
    if (auto* error = std::get_if<openai_error>(&converted)) return *error;
    config = std::move(std::get<json::object>(converted));
  }
  // Gemini has no switch for parallel calls.
  if (find(request, "parallel_tool_calls")) dropped.emplace_back("parallel_tool_calls");
  if (declarations.empty()) {
    if (config) dropped.emplace_back("tool_choice");
    return std::nullopt;
  }
  if (dropped_strict) dropped.emplace_back("tools[].function.strict");
  native["tools"] = json::array{json::object{{"functionDeclarations", std::move(declarations)}}};
  if (config) native["toolConfig"] = json::object{{"functionCallingConfig", std::move(*config)}};
  return std::nullopt;
}

std::optional<openai_error> add_response_format(const json::object& request,
                                                json::object& generation_config) {
  const auto* format = find(request, "response_format");
  if (!format) return std::nullopt;
  const auto type = format->is_object() ? string_at(format->get_object(), "type") : "";
  if (type == "text") return std::nullopt;
  if (type == "json_object") {
    generation_config["responseMimeType"] = "application/json";
    return std::nullopt;
  }
  if (type != "json_schema")
    return unsupported("response_format.type", "This response_format is not supported.");
  const auto* spec = find(format->get_object(), "json_schema");
  if (!spec || !spec->is_object())
    return invalid_request("json_schema is required.", std::string("response_format.json_schema"));
  generation_config["responseMimeType"] = "application/json";
  if (const auto* schema = find(spec->get_object(), "schema"))
    generation_config["responseJsonSchema"] = *schema;
  return std::nullopt;
}

}  // namespace keygate::gemini
