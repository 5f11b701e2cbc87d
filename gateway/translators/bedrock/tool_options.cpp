#include "gateway/translators/bedrock/tool_options.hpp"

#include <variant>

#include "gateway/canonical/content_walk.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::bedrock {

namespace json = boost::json;

namespace {

using json_fields::find;
using json_fields::string_at;

json::object tool_spec(std::string_view name, std::string_view description, json::value schema) {
  json::object spec{{"name", name}};
  if (!description.empty()) spec["description"] = description;
  spec["inputSchema"] = json::object{{"json", std::move(schema)}};
  return json::object{{"toolSpec", std::move(spec)}};
}

const json::value& any_object_schema() {
  static const json::value schema =
      json::object{{"type", "object"}, {"properties", json::object{}}};
  return schema;
}

std::variant<json::array, openai_error> native_tools(const json::value& tools) {
  json::array out;
  auto error =
      openai::for_each_function_tool(tools, [&](const json::object& function, const std::string&) {
        const auto* parameters = find(function, "parameters");
        out.push_back(
            tool_spec(string_at(function, "name"), string_at(function, "description"),
                      parameters && parameters->is_object() ? *parameters : any_object_schema()));
      });
  if (error) return *error;
  return out;
}

// {"auto":{}}, {"any":{}} or {"tool":{"name"}}; "none" has no Bedrock form and is nullopt.
std::variant<std::optional<json::object>, openai_error> native_tool_choice(const json::value& c) {
  if (c.is_string()) {
    const std::string_view mode = c.get_string();
    if (mode == "none") return std::nullopt;
    if (mode == "auto") return json::object{{"auto", json::object{}}};
    if (mode == "required") return json::object{{"any", json::object{}}};
  } else if (c.is_object() && string_at(c.get_object(), "type") == "function") {
    if (const auto* f = find(c.get_object(), "function"); f && f->is_object())
      return json::object{{"tool", {{"name", string_at(f->get_object(), "name")}}}};
  }
  return openai::unsupported("tool_choice", "This tool_choice is not supported by this provider.");
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
    return openai::unsupported("response_format.type", "This response_format is not supported.");
  }
  // Tool inputs are objects: a schema for anything else cannot be enforced.
  if (!schema.is_object() || string_at(schema.get_object(), "type") != "object")
    return openai::unsupported("response_format.json_schema.schema",
                               "This provider can only return JSON objects; the schema's type "
                               "must be \"object\".");
  return tool_spec(json_response_tool, description, std::move(schema));
}

bool declares(const json::array& tools, std::string_view name) {
  for (const auto& tool : tools)
    if (tool.at("toolSpec").at("name").get_string() == name) return true;
  return false;
}

}  // namespace

bool wants_json_response(const json::object& request) {
  const auto* format = find(request, "response_format");
  if (!format || !format->is_object()) return false;
  const auto type = string_at(format->get_object(), "type");
  return type == "json_object" || type == "json_schema";
}

std::optional<openai_error> add_tool_config(const json::object& request,
                                            const tool_history& history, json::object& native,
                                            std::vector<std::string>& dropped) {
  json::array tools;
  if (const auto* given = find(request, "tools")) {
    auto converted = native_tools(*given);
    if (auto* error = std::get_if<openai_error>(&converted)) return *error;
    tools = std::move(std::get<json::array>(converted));
  }
  std::optional<json::object> choice;
  bool choice_none = false;
  if (const auto* given = find(request, "tool_choice")) {
    auto converted = native_tool_choice(*given);
    if (auto* error = std::get_if<openai_error>(&converted)) return *error;
    choice = std::move(std::get<std::optional<json::object>>(converted));
    choice_none = !choice;
  }
  auto forced = json_response(request);
  if (auto* error = std::get_if<openai_error>(&forced)) return *error;
  if (auto& tool = std::get<std::optional<json::object>>(forced)) {
    tools.push_back(std::move(*tool));
    choice = json::object{{"tool", {{"name", json_response_tool}}}};
    choice_none = false;
  }
  // "none": the model gets no tools, unless the history needs them declared.
  if (choice_none && !history.has_tool_blocks) tools.clear();
  if (history.has_tool_blocks && history.called)
    for (const auto& name : *history.called)
      if (!declares(tools, name)) tools.push_back(tool_spec(name, "", any_object_schema()));

  if (find(request, "parallel_tool_calls")) dropped.emplace_back("parallel_tool_calls");
  if (tools.empty()) {
    if (find(request, "tool_choice") && !choice_none) dropped.emplace_back("tool_choice");
    return std::nullopt;
  }
  json::object config{{"tools", std::move(tools)}};
  if (choice) config["toolChoice"] = std::move(*choice);
  native["toolConfig"] = std::move(config);
  return std::nullopt;
}

}  // namespace keygate::bedrock
