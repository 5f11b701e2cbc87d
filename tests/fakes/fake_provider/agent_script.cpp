#include "agent_script.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <regex>

namespace fake {

namespace json = boost::json;

namespace {

const json::object* object_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v ? v->if_object() : nullptr;
}

const json::array* array_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v ? v->if_array() : nullptr;
}

std::string string_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// The text of a content value: a string, or the text of its parts/blocks (tool results inside
// blocks included when `nested`).
std::string text_of(const json::value& content, bool nested) {
  if (content.is_string()) return std::string(content.get_string());
  std::string text;
  if (!content.is_array()) return text;
  for (const auto& item : content.get_array()) {
    const auto* part = item.if_object();
    if (!part) continue;
    const auto type = string_at(*part, "type");
    if (type == "tool_result" && !nested) continue;
    if (part->contains("text")) text += string_at(*part, "text") + "\n";
    if (nested && part->contains("content")) text += text_of(part->at("content"), true);
  }
  return text;
}

bool has_tool_result(const json::value& content) {
  if (!content.is_array()) return false;
  return std::any_of(content.get_array().begin(), content.get_array().end(), [](const auto& b) {
    return b.is_object() && string_at(b.get_object(), "type") == "tool_result";
  });
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::optional<std::string> asked_file(const std::string& text) {
  static const std::regex pattern(R"(read the file\s+([^\s`'"]+))", std::regex::icase);
  std::smatch m;
  if (!std::regex_search(text, m, pattern)) return std::nullopt;
  std::string path = m[1];
  while (!path.empty() && std::string_view(".,;:!?").find(path.back()) != std::string::npos)
    path.pop_back();
  return path;
}

std::optional<std::string> asked_command(const std::string& text) {
  static const std::regex pattern("run the command `([^`]+)`", std::regex::icase);
  std::smatch m;
  if (!std::regex_search(text, m, pattern)) return std::nullopt;
  return std::string(m[1]);
}

const json::object* properties_of(const json::object* schema) {
  return schema ? object_at(*schema, "properties") : nullptr;
}

std::optional<scripted_call> read_call(const conversation_view& view, const std::string& path) {
  for (const auto& [name, schema] : view.tools) {
    const auto n = lower(name);
    if (n != "read" && n != "read_file" && n != "readfile" && n != "view" && n != "cat") continue;
    json::object args;
    std::string field = "path";
    if (const auto* props = properties_of(schema))
      for (const char* candidate : {"file_path", "path", "filename", "file", "absolute_path"})
        if (props->contains(candidate)) {
          field = candidate;
          break;
        }
    args[field] = path;
    return scripted_call{name, json::serialize(args)};
  }
  return std::nullopt;
}

std::optional<scripted_call> shell_call(const conversation_view& view, const std::string& command) {
  for (const auto& [name, schema] : view.tools) {
    const auto n = lower(name);
    if (n != "bash" && n != "shell" && n != "shell_command" && n != "exec_command" &&
        n != "local_shell" && n != "run_shell_command")
      continue;
    json::object args;
    const auto* props = properties_of(schema);
    if (props && props->contains("cmd")) {
      args["cmd"] = command;
    } else {
      const auto* spec = props ? object_at(*props, "command") : nullptr;
      if (spec && string_at(*spec, "type") == "array")
        args["command"] = json::array{"bash", "-lc", command};
      else
        args["command"] = command;
    }
    if (props && props->contains("description")) args["description"] = "Runs the command.";
    return scripted_call{name, json::serialize(args)};
  }
  return std::nullopt;
}

void add_tool(conversation_view& view, const json::object& tool, std::string_view name_key,
              std::initializer_list<std::string_view> schema_keys) {
  const auto name = string_at(tool, name_key);
  if (name.empty()) return;
  const json::object* schema = nullptr;
  for (auto key : schema_keys)
    if (!schema) schema = object_at(tool, key);
  view.tools.emplace_back(name, schema);
}

}  // namespace

conversation_view openai_conversation(const json::object& request) {
  conversation_view view;
  if (const auto* tools = array_at(request, "tools"))
    for (const auto& t : *tools)
      if (const auto* function = t.is_object() ? object_at(t.get_object(), "function") : nullptr)
        add_tool(view, *function, "name", {"parameters"});
  if (const auto* messages = array_at(request, "messages"))
    for (const auto& m : *messages) {
      const auto* message = m.if_object();
      if (!message) continue;
      const auto role = string_at(*message, "role");
      const auto* content = message->if_contains("content");
      view.ends_with_tool_result = role == "tool";
      if (role == "tool" && content) view.tool_result = text_of(*content, true);
      if (role == "user" && content) view.user_texts.push_back(text_of(*content, false));
    }
  return view;
}

conversation_view anthropic_conversation(const json::object& request) {
  conversation_view view;
  if (const auto* tools = array_at(request, "tools"))
    for (const auto& t : *tools)
      if (t.is_object()) add_tool(view, t.get_object(), "name", {"input_schema"});
  if (const auto* messages = array_at(request, "messages"))
    for (const auto& m : *messages) {
      const auto* message = m.if_object();
      if (!message || !message->contains("content")) continue;
      const auto& content = message->at("content");
      const bool result = string_at(*message, "role") == "user" && has_tool_result(content);
      view.ends_with_tool_result = result;
      if (result) {
        view.tool_result.clear();
        for (const auto& b : content.get_array())
          if (b.is_object() && string_at(b.get_object(), "type") == "tool_result" &&
              b.get_object().contains("content"))
            view.tool_result += text_of(b.get_object().at("content"), true);
      } else if (string_at(*message, "role") == "user") {
        view.user_texts.push_back(text_of(content, false));
      }
    }
  return view;
}

conversation_view gemini_conversation(const json::object& request) {
  conversation_view view;
  if (const auto* tools = array_at(request, "tools"))
    for (const auto& t : *tools) {
      const auto* tool = t.if_object();
      const auto* declarations = tool ? array_at(*tool, "functionDeclarations") : nullptr;
      if (!declarations && tool) declarations = array_at(*tool, "function_declarations");
      if (declarations)
        for (const auto& d : *declarations)
          if (d.is_object())
            add_tool(view, d.get_object(), "name",
                     {"parametersJsonSchema", "parameters", "parameters_json_schema"});
    }
  if (const auto* contents = array_at(request, "contents"))
    for (const auto& c : *contents) {
      const auto* content = c.if_object();
      const auto* parts = content ? array_at(*content, "parts") : nullptr;
      if (!parts) continue;
      std::string text, result;
      bool has_result = false;
      for (const auto& p : *parts) {
        const auto* part = p.if_object();
        if (!part) continue;
        text += string_at(*part, "text");
        const auto* response = object_at(*part, "functionResponse");
        if (!response) response = object_at(*part, "function_response");
        if (response) {
          has_result = true;
          const auto* inner = response->if_contains("response");
          const auto* output =
              inner && inner->is_object() ? inner->get_object().if_contains("output") : nullptr;
          result += output && output->is_string() ? std::string(output->get_string())
                    : inner                       ? json::serialize(*inner)
                                                  : std::string();
        }
      }
      view.ends_with_tool_result = has_result;
      if (has_result) view.tool_result = result;
      if (!has_result && string_at(*content, "role") != "model") view.user_texts.push_back(text);
    }
  return view;
}

conversation_view responses_conversation(const json::object& request) {
  conversation_view view;
  if (const auto* tools = array_at(request, "tools"))
    for (const auto& t : *tools)
      if (t.is_object() && string_at(t.get_object(), "type") == "function")
        add_tool(view, t.get_object(), "name", {"parameters"});
  const auto* input = request.if_contains("input");
  if (input && input->is_string()) view.user_texts.emplace_back(input->get_string());
  if (const auto* items = input ? input->if_array() : nullptr)
    for (const auto& i : *items) {
      const auto* item = i.if_object();
      if (!item) continue;
      const auto type = string_at(*item, "type");
      const bool result = type == "function_call_output";
      view.ends_with_tool_result = result;
      if (result && item->contains("output")) view.tool_result = text_of(item->at("output"), true);
      if ((type.empty() || type == "message") && string_at(*item, "role") == "user" &&
          item->contains("content"))
        view.user_texts.push_back(text_of(item->at("content"), false));
    }
  return view;
}

script_step agent_step(const conversation_view& view) {
  script_step step;
  if (view.user_texts.empty()) return step;
  if (view.ends_with_tool_result) {
    const bool asked =
        std::any_of(view.user_texts.begin(), view.user_texts.end(),
                    [](const std::string& t) { return asked_file(t) || asked_command(t); });
    if (asked) step.text = "Done. The tool said: " + view.tool_result;
    return step;
  }
  const auto& last = view.user_texts.back();
  if (auto path = asked_file(last))
    step.call = read_call(view, *path);
  else if (auto command = asked_command(last))
    step.call = shell_call(view, *command);
  return step;
}

}  // namespace fake
