#include "gateway/translators/ollama/request_options.hpp"

#include <cstdint>
#include <utility>

#include "gateway/translators/ollama/json_fields.hpp"

namespace keygate::ollama {

namespace json = boost::json;

namespace {

std::optional<openai_error> add_max_tokens(const json::object& request, json::object& options) {
  for (const char* field : {"max_completion_tokens", "max_tokens"}) {
    const auto* value = find(request, field);
    if (!value) continue;
    auto n = positive_integer(value);
    if (!n)
      return invalid_request(std::string(field) + " must be a positive integer.",
                             std::string(field));
    options["num_predict"] = *n;
    return std::nullopt;
  }
  return std::nullopt;
}

// A string or a list of them, empty strings left out; Ollama sets no limit on their number.
void add_stop(const json::object& request, json::object& options) {
  const auto* stop = find(request, "stop");
  if (!stop) return;
  json::array sequences;
  if (stop->is_string() && !stop->get_string().empty()) sequences.push_back(*stop);
  if (stop->is_array())
    for (const auto& s : stop->get_array())
      if (s.is_string() && !s.get_string().empty()) sequences.push_back(s);
  if (!sequences.empty()) options["stop"] = std::move(sequences);
}

std::optional<std::string_view> think_level(std::string_view effort) {
  if (effort == "minimal" || effort == "low") return "low";
  if (effort == "medium") return "medium";
  if (effort == "high" || effort == "xhigh") return "high";  // Ollama's levels stop at high
  return std::nullopt;
}

}  // namespace

std::optional<openai_error> add_options(const json::object& request, json::object& native) {
  json::object options;
  if (auto error = add_max_tokens(request, options)) return error;
  for (const char* name :
       {"temperature", "top_p", "seed", "presence_penalty", "frequency_penalty"}) {
    const auto* value = find(request, name);
    if (!value) continue;
    if (!number(value)) return invalid_request(std::string(name) + " must be a number.", name);
    options[name] = *value;
  }
  add_stop(request, options);
  if (!options.empty()) native["options"] = std::move(options);
  return std::nullopt;
}

std::optional<openai_error> add_format(const json::object& request, json::object& native) {
  const auto* format = find(request, "response_format");
  if (!format) return std::nullopt;
  const auto type = format->is_object() ? string_at(format->get_object(), "type") : "";
  if (type == "text") return std::nullopt;
  if (type == "json_object") {
    native["format"] = "json";
    return std::nullopt;
  }
  if (type != "json_schema")
    return unsupported("response_format.type", "This response_format is not supported.");
  const auto* spec = find(format->get_object(), "json_schema");
  if (!spec || !spec->is_object())
    return invalid_request("json_schema is required.", std::string("response_format.json_schema"));
  // Ollama enforces the schema with a grammar, so strict schemas hold.
  const auto* schema = find(spec->get_object(), "schema");
  if (schema && schema->is_object())
    native["format"] = *schema;
  else
    native["format"] = "json";
  return std::nullopt;
}

std::optional<openai_error> add_think(const json::object& request, bool reasoning,
                                      json::object& native, std::vector<std::string>& dropped) {
  const auto* effort = find(request, "reasoning_effort");
  if (!effort) return std::nullopt;
  if (!reasoning) {
    // Ollama refuses `think` for a model that cannot think: only deployments marked as
    // reasoning get it.
    dropped.emplace_back("reasoning_effort");
    return std::nullopt;
  }
  if (effort->is_string() && effort->get_string() == "none") {
    native["think"] = false;
    return std::nullopt;
  }
  auto level = effort->is_string() ? think_level(effort->get_string()) : std::nullopt;
  if (!level)
    return invalid_request("reasoning_effort must be none, minimal, low, medium, high or xhigh.",
                           std::string("reasoning_effort"));
  native["think"] = *level;
  return std::nullopt;
}

std::optional<openai_error> add_tools(const json::object& request, json::object& native,
                                      std::vector<std::string>& dropped) {
  json::array tools;
  bool dropped_strict = false;
  if (const auto* given = find(request, "tools")) {
    auto error = openai::for_each_function_tool(
        *given, [&](const json::object& function, const std::string&) {
          json::object declaration{{"name", string_at(function, "name")}};
          if (auto description = string_at(function, "description"); !description.empty())
            declaration["description"] = description;
          if (const auto* parameters = find(function, "parameters");
              parameters && parameters->is_object())
            declaration["parameters"] = *parameters;
          if (find(function, "strict")) dropped_strict = true;
          tools.push_back(json::object{{"type", "function"}, {"function", std::move(declaration)}});
        });
    if (error) return error;
  }
  bool send_tools = true;
  if (const auto* choice = find(request, "tool_choice")) {
    const std::string_view mode =
        choice->is_string() ? std::string_view(choice->get_string()) : std::string_view();
    if (mode == "none")
      send_tools = false;  // without tools the model cannot call one
    else if (mode == "auto")
      dropped.emplace_back("tool_choice");
    else
      return unsupported("tool_choice",
                         "This provider cannot force a tool call: tool_choice may only be auto "
                         "or none.");
  }
  if (find(request, "parallel_tool_calls")) dropped.emplace_back("parallel_tool_calls");
  if (tools.empty() || !send_tools) return std::nullopt;
  if (dropped_strict) dropped.emplace_back("tools[].function.strict");
  native["tools"] = std::move(tools);
  return std::nullopt;
}

}  // namespace keygate::ollama
