#include "gateway/translators/cohere/tool_options.hpp"

#include "gateway/canonical/content_walk.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::cohere {

namespace json = boost::json;

namespace {

using json_fields::find;
using json_fields::object_at;
using json_fields::string_at;

struct converted_tools {
  json::array tools;
  bool strict = false;
};

std::variant<converted_tools, openai_error> function_tools(const json::value& tools) {
  converted_tools out;
  auto error =
      openai::for_each_function_tool(tools, [&](const json::object& function, const std::string&) {
        json::object native{{"name", string_at(function, "name")}};
        for (const char* key : {"description", "parameters"})
          if (const auto* value = find(function, key)) native[key] = *value;
        if (const auto* strict = find(function, "strict"); strict && strict->is_bool())
          out.strict = out.strict || strict->get_bool();
        out.tools.push_back(json::object{{"type", "function"}, {"function", std::move(native)}});
      });
  if (error) return *error;
  return out;
}

struct choice {
  std::string_view mode;   // empty: Cohere's default (auto)
  std::string_view named;  // the one tool to keep
};

std::variant<choice, openai_error> tool_choice(const json::value& given) {
  if (given.is_string()) {
    const std::string_view mode = given.get_string();
    if (mode == "auto") return choice{};
    if (mode == "none") return choice{"NONE", {}};
    if (mode == "required") return choice{"REQUIRED", {}};
  } else if (given.is_object() && string_at(given.get_object(), "type") == "function") {
    const auto name = string_at(object_at(given.get_object(), "function"), "name");
    if (!name.empty()) return choice{"REQUIRED", name};
  }
  return openai::unsupported("tool_choice", "This tool_choice is not supported by this provider.");
}

// Only the named tool; a name no tool has is the client's mistake.
std::optional<openai_error> keep_only(json::array& tools, std::string_view name) {
  json::array kept;
  for (auto& tool : tools)
    if (string_at(object_at(tool.get_object(), "function"), "name") == name)
      kept.push_back(std::move(tool));
  if (kept.empty())
    return invalid_request("tool_choice names a function that is not in tools.",
                           std::string("tool_choice"));
  tools = std::move(kept);
  return std::nullopt;
}

std::variant<json::value, openai_error> response_format(const json::value& format) {
  const auto type = format.is_object() ? string_at(format.get_object(), "type") : "";
  if (type == "text" || type == "json_object") return json::value(json::object{{"type", type}});
  if (type != "json_schema")
    return openai::unsupported("response_format.type", "This response_format is not supported.");
  const auto* spec = find(format.get_object(), "json_schema");
  if (!spec || !spec->is_object())
    return invalid_request("json_schema is required.", std::string("response_format.json_schema"));
  json::object native{{"type", "json_object"}};
  if (const auto* schema = find(spec->get_object(), "schema")) native["json_schema"] = *schema;
  return json::value(std::move(native));
}

}  // namespace

std::optional<openai_error> add_tool_options(const json::object& request, json::object& body) {
  converted_tools tools;
  if (const auto* given = find(request, "tools")) {
    auto converted = function_tools(*given);
    if (auto* error = std::get_if<openai_error>(&converted)) return *error;
    tools = std::move(std::get<converted_tools>(converted));
  }
  if (const auto* given = find(request, "tool_choice")) {
    auto converted = tool_choice(*given);
    if (auto* error = std::get_if<openai_error>(&converted)) return *error;
    const auto& picked = std::get<choice>(converted);
    if (!picked.named.empty())
      if (auto error = keep_only(tools.tools, picked.named)) return error;
    // Without tools there is nothing to choose from: Cohere is not told.
    if (!picked.mode.empty() && !tools.tools.empty()) body["tool_choice"] = picked.mode;
  }
  if (!tools.tools.empty()) {
    body["tools"] = std::move(tools.tools);
    if (tools.strict) body["strict_tools"] = true;
  }
  if (const auto* format = find(request, "response_format")) {
    auto converted = response_format(*format);
    if (auto* error = std::get_if<openai_error>(&converted)) return *error;
    body["response_format"] = std::move(std::get<json::value>(converted));
  }
  return std::nullopt;
}

}  // namespace keygate::cohere
