#include "gateway/translators/anthropic/tool_options.hpp"

#include <variant>

#include "gateway/translators/anthropic/content_blocks.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::anthropic {

namespace json = boost::json;

namespace {

using json_fields::find;
using json_fields::string_at;

std::variant<json::array, openai_error> native_tools(const json::value& tools) {
  json::array out;
  auto error =
      openai::for_each_function_tool(tools, [&](const json::object& function, const std::string&) {
        json::object tool{{"name", string_at(function, "name")}};
        if (auto description = string_at(function, "description"); !description.empty())
          tool["description"] = description;
        const auto* parameters = find(function, "parameters");
        tool["input_schema"] =
            parameters && parameters->is_object()
                ? *parameters
                : json::value(json::object{{"type", "object"}, {"properties", json::object{}}});
        if (const auto* strict = find(function, "strict"); strict && strict->is_bool())
          tool["strict"] = *strict;
        out.push_back(std::move(tool));
      });
  if (error) return *error;
  return out;
}

std::variant<json::object, openai_error> native_tool_choice(const json::value& choice) {
  if (choice.is_string()) {
    const std::string_view mode = choice.get_string();
    if (mode == "auto" || mode == "none") return json::object{{"type", mode}};
    if (mode == "required") return json::object{{"type", "any"}};
  } else if (choice.is_object() && string_at(choice.get_object(), "type") == "function") {
    if (const auto* f = find(choice.get_object(), "function"); f && f->is_object())
      return json::object{{"type", "tool"}, {"name", string_at(f->get_object(), "name")}};
  }
  return unsupported("tool_choice", "This tool_choice is not supported by this provider.");
}

// The forced tool for a JSON response_format, or nothing for "text".
std::variant<std::optional<json::object>, openai_error> json_response(const json::object& request) {
  const auto* format = find(request, "response_format");
  if (!format) return std::nullopt;
  const auto type = format->is_object() ? string_at(format->get_object(), "type") : "";
  if (type == "text") return std::nullopt;
  json::value schema = json::object{{"type", "object"}};
  std::string description = "Answer with a JSON object.";
  if (type == "json_schema") {
    const auto* spec = find(format->get_object(), "json_schema");
    if (!spec || !spec->is_object())
      return invalid_request("json_schema is required.",
                             std::string("response_format.json_schema"));
    if (const auto* given = find(spec->get_object(), "schema")) schema = *given;
    if (auto text = string_at(spec->get_object(), "description"); !text.empty()) description = text;
  } else if (type != "json_object") {
    return unsupported("response_format.type", "This response_format is not supported.");
  }
  // Tool inputs are objects: a schema for anything else cannot be enforced.
  if (!schema.is_object() || string_at(schema.get_object(), "type") != "object")
    return unsupported("response_format.json_schema.schema",
                       "This provider can only return JSON objects; the schema's type must be "
                       "\"object\".");
  return json::object{
      {"name", json_response_tool}, {"description", description}, {"input_schema", schema}};
}

}  // namespace

bool wants_json_response(const json::object& request) {
  const auto* format = find(request, "response_format");
  if (!format || !format->is_object()) return false;
  const auto type = string_at(format->get_object(), "type");
  return type == "json_object" || type == "json_schema";
}

std::optional<openai_error> add_tool_options(const json::object& request, json::object& native,
                                             std::vector<std::string>& dropped) {
  json::array tools;
  if (const auto* given = find(request, "tools")) {
    auto converted = native_tools(*given);
    if (auto* error = std::get_if<openai_error>(&converted)) return *error;
    tools = std::move(std::get<json::array>(converted));
  }
  std::optional<json::object> choice;
  if (const auto* given = find(request, "tool_choice")) {
    auto converted = native_tool_choice(*given);
    if (auto* error = std::get_if<openai_error>(&converted)) return *error;
    choice = std::move(std::get<json::object>(converted));
  }
  auto forced = json_response(request);
  if (auto* error = std::get_if<openai_error>(&forced)) return *error;
  if (auto& tool = std::get<std::optional<json::object>>(forced)) {
    tools.push_back(std::move(*tool));
    choice = json::object{{"type", "tool"}, {"name", json_response_tool}};
  }

  const auto* parallel = find(request, "parallel_tool_calls");
  if (tools.empty()) {
    if (choice) dropped.emplace_back("tool_choice");
    if (parallel) dropped.emplace_back("parallel_tool_calls");
    return std::nullopt;
  }
  if (parallel && parallel->is_bool() && !parallel->get_bool() && !choice)
    choice = json::object{{"type", "auto"}};
  if (parallel && parallel->is_bool() && !parallel->get_bool() &&
      choice->at("type").get_string() != "none")
    (*choice)["disable_parallel_tool_use"] = true;
  else if (parallel)
    dropped.emplace_back("parallel_tool_calls");
  native["tools"] = std::move(tools);
  if (choice) native["tool_choice"] = std::move(*choice);
  return std::nullopt;
}

}  // namespace keygate::anthropic
