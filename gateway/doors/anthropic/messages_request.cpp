#include "gateway/doors/anthropic/messages_request.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "gateway/doors/anthropic/block_types.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::doors::anthropic {

namespace json = boost::json;
using json_fields::find;
using json_fields::string_at;

namespace {

openai_error bad(std::string message, std::string param = {}) {
  std::optional<std::string> where;
  if (!param.empty()) where = std::move(param);
  return invalid_request(std::move(message), std::move(where));
}

std::string at(std::string_view base, std::size_t i) {
  return std::string(base) + "." + std::to_string(i);
}

openai_error unknown_block(std::string_view type, const std::string& where) {
  return bad(where + ": unknown content block type '" + std::string(type) + "'", where + ".type");
}

// The top-level fields the canonical request carries; any other is named as dropped.
bool carried_field(std::string_view key) {
  for (std::string_view known :
       {"model", "messages", "system", "max_tokens", "temperature", "top_p", "stop_sequences",
        "metadata", "thinking", "tools", "tool_choice", "stream", "output_config"})
    if (key == known) return true;
  return false;
}

// Reads one request, collecting what the canonical form leaves out.
class request_reader {
 public:
  explicit request_reader(std::vector<std::string>& dropped) : dropped_(dropped) {}

  void drop(std::string name) { dropped_.push_back(std::move(name)); }

  // Text blocks (system prompts, tool results) joined into one string; other blocks are left out.
  std::variant<std::string, openai_error> text_of(const json::value& content,
                                                  const std::string& where) {
    if (content.is_string()) return std::string(content.get_string());
    if (!content.is_array()) return bad(where + ": must be a string or a list of blocks", where);
    std::string text;
    std::size_t i = 0;
    for (const auto& item : content.get_array()) {
      const std::string block_where = at(where, i++);
      const auto* block = item.if_object();
      if (!block) return bad(block_where + ": must be an object", block_where);
      const auto type = string_at(*block, "type");
      if (type != "text") {
        if (!known_block_type(type)) return unknown_block(type, block_where);
        drop(block_where + ":" + std::string(type));
        continue;
      }
      if (!text.empty()) text += "\n";
      text += string_at(*block, "text");
    }
    return text;
  }

  std::optional<openai_error> message(const json::object& message, std::size_t index,
                                      json::array& out) {
    const std::string where = at("messages", index);
    const auto role = string_at(message, "role");
    const auto* content = find(message, "content");
    if (!content) return bad(where + ".content: required", where + ".content");
    if (role == "user") return user(*content, where, out);
    if (role == "assistant") return assistant(*content, where, out);
    if (role == "system") {
      auto text = text_of(*content, where + ".content");
      if (auto* error = std::get_if<openai_error>(&text)) return *error;
      add(out, "system", json::value(std::get<std::string>(text)));
      return std::nullopt;
    }
    return bad(where + ".role: must be user, assistant or system", where + ".role");
  }

 private:
  static void add(json::array& out, std::string_view role, json::value content) {
    json::object m;
    m["role"] = role;
    m["content"] = std::move(content);
    out.push_back(std::move(m));
  }

  static json::object text_part(std::string_view text) {
    json::object part;
    part["type"] = "text";
    part["text"] = text;
    return part;
  }

  // An image block as an image_url part; a source other than base64 or a URL is left out.
  std::optional<json::object> image_part(const json::object& block, const std::string& where) {
    const auto& source = json_fields::object_at(block, "source");
    const auto kind = string_at(source, "type");
    std::string url;
    if (kind == "base64")
      url = "data:" + std::string(string_at(source, "media_type")) + ";base64," +
            std::string(string_at(source, "data"));
    else if (kind == "url")
      url = string_at(source, "url");
    if (url.empty()) {
      drop(where + ":image");
      return std::nullopt;
    }
    json::object image_url;
    image_url["url"] = url;
    json::object part;
    part["type"] = "image_url";
    part["image_url"] = std::move(image_url);
    return part;
  }

  // A document the canonical form can hold as text (plain text, or a list of text blocks); a PDF,
  // a URL or a file id is left out.
  std::optional<json::object> document_part(const json::object& block, const std::string& where) {
    const auto& source = json_fields::object_at(block, "source");
    const auto kind = string_at(source, "type");
    std::string text;
    if (kind == "text") {
      text = string_at(source, "data");
    } else if (const auto* blocks = find(source, "content"); kind == "content" && blocks) {
      auto read = text_of(*blocks, where + ".source.content");
      if (auto* joined = std::get_if<std::string>(&read)) text = std::move(*joined);
    } else {
      drop(where + ":document");
      return std::nullopt;
    }
    if (auto title = string_at(block, "title"); !title.empty())
      text = std::string(title) + "\n\n" + text;
    return text_part(text);
  }

  std::optional<openai_error> user(const json::value& content, const std::string& where,
                                   json::array& out) {
    if (content.is_string()) {
      add(out, "user", content);
      return std::nullopt;
    }
    if (!content.is_array())
      return bad(where + ".content: must be a string or a list of blocks", where + ".content");
    json::array parts;
    std::size_t i = 0;
    for (const auto& item : content.get_array()) {
      const std::string block_where = at(where + ".content", i++);
      const auto* block = item.if_object();
      if (!block) return bad(block_where + ": must be an object", block_where);
      const auto type = string_at(*block, "type");
      std::optional<json::object> part;
      if (type == "text")
        part = text_part(string_at(*block, "text"));
      else if (type == "image")
        part = image_part(*block, block_where);
      else if (type == "document")
        part = document_part(*block, block_where);
      else if (type == "tool_result") {
        if (auto error = tool_result(*block, block_where, out)) return error;
      } else if (known_block_type(type)) {
        drop(block_where + ":" + std::string(type));  // search results, server tools' results, ...
      } else {
        return unknown_block(type, block_where);
      }
      if (part) parts.push_back(std::move(*part));
    }
    // Tool results answer the assistant turn before: they go first, the user's words after.
    if (!parts.empty()) add(out, "user", json::value(std::move(parts)));
    return std::nullopt;
  }

  std::optional<openai_error> tool_result(const json::object& block, const std::string& where,
                                          json::array& out) {
    const auto id = string_at(block, "tool_use_id");
    if (id.empty() || !open_calls_.contains(std::string(id)))
      return bad(where + ": tool_result '" + std::string(id) +
                     "' answers no tool_use of the assistant turn before it",
                 where + ".tool_use_id");
    open_calls_.erase(std::string(id));
    std::string text;
    if (const auto* content = find(block, "content")) {
      auto read = text_of(*content, where + ".content");
      if (auto* error = std::get_if<openai_error>(&read)) return *error;
      text = std::get<std::string>(read);
    }
    if (json_fields::is_true(find(block, "is_error")) && text.empty()) text = "Error";
    json::object m;
    m["role"] = "tool";
    m["tool_call_id"] = id;
    m["content"] = text;
    out.push_back(std::move(m));
    return std::nullopt;
  }

  std::optional<openai_error> assistant(const json::value& content, const std::string& where,
                                        json::array& out) {
    open_calls_.clear();
    if (content.is_string()) {
      add(out, "assistant", content);
      return std::nullopt;
    }
    if (!content.is_array())
      return bad(where + ".content: must be a string or a list of blocks", where + ".content");
    std::string text;
    json::array calls;
    std::size_t i = 0;
    for (const auto& item : content.get_array()) {
      const std::string block_where = at(where + ".content", i++);
      const auto* block = item.if_object();
      if (!block) return bad(block_where + ": must be an object", block_where);
      const auto type = string_at(*block, "type");
      if (type == "text") {
        text += string_at(*block, "text");
      } else if (type == "tool_use") {
        const auto id = string_at(*block, "id");
        const auto name = string_at(*block, "name");
        if (id.empty() || name.empty())
          return bad(block_where + ": tool_use needs an id and a name", block_where);
        const auto* input = find(*block, "input");
        json::object function;
        function["name"] = name;
        function["arguments"] = input ? json::serialize(*input) : std::string("{}");
        json::object call;
        call["id"] = id;
        call["type"] = "function";
        call["function"] = std::move(function);
        calls.push_back(std::move(call));
        open_calls_.insert(std::string(id));
      } else if (type == "thinking" || type == "redacted_thinking") {
        // Signed thinking only means something to Anthropic; other providers get the answer.
      } else if (known_block_type(type)) {
        drop(block_where + ":" + std::string(type));  // server tools' calls and results, ...
      } else {
        return unknown_block(type, block_where);
      }
    }
    json::object m;
    m["role"] = "assistant";
    if (text.empty() && !calls.empty())
      m["content"] = nullptr;
    else
      m["content"] = text;
    if (!calls.empty()) m["tool_calls"] = std::move(calls);
    out.push_back(std::move(m));
    return std::nullopt;
  }

  std::vector<std::string>& dropped_;
  std::set<std::string> open_calls_;  // tool_use ids of the last assistant turn
};

std::optional<openai_error> read_tools(const json::value& tools, json::object& out,
                                       std::vector<std::string>& dropped) {
  if (!tools.is_array()) return bad("tools: must be a list", "tools");
  json::array list;
  std::size_t i = 0;
  for (const auto& item : tools.get_array()) {
    const std::string where = at("tools", i++);
    const auto* tool = item.if_object();
    if (!tool) return bad(where + ": must be an object", where);
    const auto type = string_at(*tool, "type");
    const auto name = string_at(*tool, "name");
    if (!type.empty() && type != "custom") {  // a server tool: only Anthropic runs it
      dropped.push_back(where + ":" + std::string(type));
      continue;
    }
    if (name.empty()) return bad(where + ".name: required", where + ".name");
    json::object function;
    function["name"] = name;
    if (auto description = string_at(*tool, "description"); !description.empty())
      function["description"] = description;
    const auto* schema = find(*tool, "input_schema");
    function["parameters"] =
        schema && schema->is_object() ? *schema : json::parse(R"({"type":"object"})");
    json::object entry;
    entry["type"] = "function";
    entry["function"] = std::move(function);
    list.push_back(std::move(entry));
  }
  if (!list.empty()) out["tools"] = std::move(list);
  return std::nullopt;
}

bool declares(const json::object& out, std::string_view name) {
  const auto* tools = find(out, "tools");
  if (!tools || !tools->is_array()) return false;
  for (const auto& tool : tools->get_array())
    if (string_at(json_fields::object_at(tool.as_object(), "function"), "name") == name)
      return true;
  return false;
}

std::optional<openai_error> read_tool_choice(const json::value& choice, json::object& out,
                                             std::vector<std::string>& dropped) {
  const auto* object = choice.if_object();
  if (!object) return bad("tool_choice: must be an object", "tool_choice");
  const auto type = string_at(*object, "type");
  if (type != "auto" && type != "any" && type != "none" && type != "tool")
    return bad("tool_choice.type: must be auto, any, none or tool", "tool_choice.type");
  if (!out.contains("tools") || (type == "tool" && !declares(out, string_at(*object, "name")))) {
    dropped.emplace_back("tool_choice");  // it chooses among tools that were left out
    return std::nullopt;
  }
  if (type == "auto")
    out["tool_choice"] = "auto";
  else if (type == "any")
    out["tool_choice"] = "required";
  else if (type == "none")
    out["tool_choice"] = "none";
  else {
    json::object function;
    function["name"] = string_at(*object, "name");
    json::object named;
    named["type"] = "function";
    named["function"] = std::move(function);
    out["tool_choice"] = std::move(named);
  }
  if (json_fields::is_true(find(*object, "disable_parallel_tool_use")) && type != "none")
    out["parallel_tool_calls"] = false;
  return std::nullopt;
}

// An explicit thinking budget as the nearest effort; adaptive thinking is the model's own call,
// which a model that does not think honours too.
void read_thinking(const json::object& request, json::object& out) {
  const auto& thinking = json_fields::object_at(request, "thinking");
  if (string_at(thinking, "type") != "enabled") return;
  const auto budget = json_fields::count_at(thinking, "budget_tokens");
  out["reasoning_effort"] = budget <= 1024 ? "low" : budget <= 4096 ? "medium" : "high";
}

// output_config: a JSON schema format is OpenAI's json_schema response format; the effort that
// guides Anthropic's adaptive thinking has no place in the canonical request.
void read_output_config(const json::object& request, json::object& out,
                        std::vector<std::string>& dropped) {
  const auto& config = json_fields::object_at(request, "output_config");
  for (const auto& [key, value] : config) {
    if (value.is_null()) continue;
    const auto* format = value.if_object();
    if (key == "format" && format && string_at(*format, "type") == "json_schema" &&
        find(*format, "schema")) {
      json::object schema;
      schema["name"] = "output";
      schema["schema"] = *find(*format, "schema");
      schema["strict"] = true;
      json::object response_format;
      response_format["type"] = "json_schema";
      response_format["json_schema"] = std::move(schema);
      out["response_format"] = std::move(response_format);
      continue;
    }
    dropped.push_back("output_config." + std::string(key));
  }
}

std::optional<openai_error> read_scalars(const json::object& request, json::object& out,
                                         messages_body kind, std::vector<std::string>& dropped) {
  const auto* max_tokens = find(request, "max_tokens");
  if (kind == messages_body::create || max_tokens) {
    const auto limit = json_fields::positive_integer(max_tokens);
    if (!limit) return bad("max_tokens: required, a positive integer", "max_tokens");
    out["max_completion_tokens"] = *limit;
  }
  for (const char* field : {"temperature", "top_p"})
    if (const auto* value = find(request, field)) {
      if (!value->is_number()) return bad(std::string(field) + ": must be a number", field);
      out[field] = *value;
    }
  if (const auto* stops = find(request, "stop_sequences")) {
    if (!stops->is_array())
      return bad("stop_sequences: must be a list of strings", "stop_sequences");
    if (!stops->get_array().empty()) out["stop"] = *stops;
  }
  for (const auto& [key, value] : json_fields::object_at(request, "metadata")) {
    if (key == "user_id" && value.is_string() && !value.get_string().empty())
      out["user"] = value;
    else if (key != "user_id" && !value.is_null())
      dropped.push_back("metadata." + std::string(key));
  }
  read_thinking(request, out);
  read_output_config(request, out, dropped);
  if (const auto* stream = find(request, "stream")) {
    if (!stream->is_bool()) return bad("stream: must be a boolean", "stream");
    if (stream->get_bool()) {
      out["stream"] = true;
      out["stream_options"] = json::parse(R"({"include_usage":true})");
    }
  }
  return std::nullopt;
}

}  // namespace

std::variant<messages_reading, openai_error> read_messages_request(std::string_view body,
                                                                   messages_body kind) {
  json::error_code ec;
  json::parse_options options;
  options.max_depth = 256;
  auto parsed = json::parse(body, ec, {}, options);
  if (ec) return bad("The request body is not valid JSON: " + ec.message() + ".");
  const auto* request = parsed.if_object();
  if (!request) return bad("The request body must be a JSON object.");
  const auto model = string_at(*request, "model");
  if (model.empty()) return bad("model: required", "model");

  messages_reading reading;
  reading.model = model;
  request_reader reader(reading.dropped);
  json::object out;
  out["model"] = model;
  json::array messages;
  if (const auto* system = find(*request, "system")) {
    auto text = reader.text_of(*system, "system");
    if (auto* error = std::get_if<openai_error>(&text)) return *error;
    if (!std::get<std::string>(text).empty()) {
      json::object m;
      m["role"] = "system";
      m["content"] = std::get<std::string>(text);
      messages.push_back(std::move(m));
    }
  }
  const auto* list = find(*request, "messages");
  if (!list || !list->is_array() || list->get_array().empty())
    return bad("messages: required, a non-empty list", "messages");
  std::size_t index = 0;
  for (const auto& item : list->get_array()) {
    const auto* message = item.if_object();
    if (!message) return bad(at("messages", index) + ": must be an object", at("messages", index));
    if (auto error = reader.message(*message, index, messages)) return *error;
    ++index;
  }
  out["messages"] = std::move(messages);
  if (auto error = read_scalars(*request, out, kind, reading.dropped)) return *error;
  if (const auto* tools = find(*request, "tools"))
    if (auto error = read_tools(*tools, out, reading.dropped)) return *error;
  if (const auto* choice = find(*request, "tool_choice"))
    if (auto error = read_tool_choice(*choice, out, reading.dropped)) return *error;
  for (const auto& [key, value] : *request)
    if (!carried_field(key) && !value.is_null()) reading.dropped.emplace_back(key);
  reading.canonical = json::serialize(out);
  return reading;
}

}  // namespace keygate::doors::anthropic
