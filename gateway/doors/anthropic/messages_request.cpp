#include "gateway/doors/anthropic/messages_request.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>

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

// Text blocks (system prompts, tool results) joined into one string.
std::variant<std::string, openai_error> text_of(const json::value& content,
                                                const std::string& where) {
  if (content.is_string()) return std::string(content.get_string());
  if (!content.is_array()) return bad(where + ": must be a string or a list of blocks", where);
  std::string text;
  std::size_t i = 0;
  for (const auto& item : content.get_array()) {
    const auto* block = item.if_object();
    if (!block || string_at(*block, "type") != "text")
      return bad(at(where, i) + ": only text blocks are supported here", at(where, i));
    if (!text.empty()) text += "\n";
    text += string_at(*block, "text");
    ++i;
  }
  return text;
}

std::variant<json::value, openai_error> image_part(const json::object& block,
                                                   const std::string& where) {
  const auto* source_value = find(block, "source");
  const auto* source = source_value ? source_value->if_object() : nullptr;
  if (!source) return bad(where + ".source: required", where + ".source");
  const auto kind = string_at(*source, "type");
  std::string url;
  if (kind == "base64")
    url = "data:" + std::string(string_at(*source, "media_type")) + ";base64," +
          std::string(string_at(*source, "data"));
  else if (kind == "url")
    url = string_at(*source, "url");
  else
    return bad(where + ".source.type: only base64 and url images are supported",
               where + ".source.type");
  json::object image_url;
  image_url["url"] = url;
  json::object part;
  part["type"] = "image_url";
  part["image_url"] = std::move(image_url);
  return json::value(std::move(part));
}

class message_reader {
 public:
  explicit message_reader(json::array& out) : out_(out) {}

  std::optional<openai_error> read(const json::object& message, std::size_t index) {
    const std::string where = at("messages", index);
    const auto role = string_at(message, "role");
    const auto* content = find(message, "content");
    if (!content) return bad(where + ".content: required", where + ".content");
    if (role == "user") return user(*content, where);
    if (role == "assistant") return assistant(*content, where);
    if (role == "system") {
      auto text = text_of(*content, where + ".content");
      if (auto* error = std::get_if<openai_error>(&text)) return *error;
      add("system", json::value(std::get<std::string>(text)));
      return std::nullopt;
    }
    return bad(where + ".role: must be user or assistant", where + ".role");
  }

 private:
  void add(std::string_view role, json::value content) {
    json::object m;
    m["role"] = role;
    m["content"] = std::move(content);
    out_.push_back(std::move(m));
  }

  std::optional<openai_error> user(const json::value& content, const std::string& where) {
    if (content.is_string()) {
      add("user", content);
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
      if (type == "text") {
        json::object part;
        part["type"] = "text";
        part["text"] = string_at(*block, "text");
        parts.push_back(std::move(part));
      } else if (type == "image") {
        auto part = image_part(*block, block_where);
        if (auto* error = std::get_if<openai_error>(&part)) return *error;
        parts.push_back(std::move(std::get<json::value>(part)));
      } else if (type == "tool_result") {
        if (auto error = tool_result(*block, block_where)) return error;
      } else if (type == "document") {
        return bad(block_where + ": document blocks are not supported by this gateway",
                   block_where + ".type");
      } else {
        return bad(block_where + ": unknown content block type '" + std::string(type) + "'",
                   block_where + ".type");
      }
    }
    // Tool results answer the assistant turn before: they go first, the user's words after.
    if (!parts.empty()) add("user", json::value(std::move(parts)));
    return std::nullopt;
  }

  std::optional<openai_error> tool_result(const json::object& block, const std::string& where) {
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
    out_.push_back(std::move(m));
    return std::nullopt;
  }

  std::optional<openai_error> assistant(const json::value& content, const std::string& where) {
    open_calls_.clear();
    if (content.is_string()) {
      add("assistant", content);
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
      } else {
        return bad(block_where + ": unknown content block type '" + std::string(type) + "'",
                   block_where + ".type");
      }
    }
    json::object m;
    m["role"] = "assistant";
    if (text.empty() && !calls.empty())
      m["content"] = nullptr;
    else
      m["content"] = text;
    if (!calls.empty()) m["tool_calls"] = std::move(calls);
    out_.push_back(std::move(m));
    return std::nullopt;
  }

  json::array& out_;
  std::set<std::string> open_calls_;  // tool_use ids of the last assistant turn
};

std::optional<openai_error> read_tools(const json::value& tools, json::object& out) {
  if (!tools.is_array()) return bad("tools: must be a list", "tools");
  json::array list;
  std::size_t i = 0;
  for (const auto& item : tools.get_array()) {
    const std::string where = at("tools", i++);
    const auto* tool = item.if_object();
    if (!tool) return bad(where + ": must be an object", where);
    const auto type = string_at(*tool, "type");
    if (!type.empty() && type != "custom")
      return bad(where + ": server tool '" + std::string(type) + "' is not supported",
                 where + ".type");
    const auto name = string_at(*tool, "name");
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

std::optional<openai_error> read_tool_choice(const json::value& choice, json::object& out) {
  const auto* object = choice.if_object();
  if (!object) return bad("tool_choice: must be an object", "tool_choice");
  const auto type = string_at(*object, "type");
  if (type == "auto")
    out["tool_choice"] = "auto";
  else if (type == "any")
    out["tool_choice"] = "required";
  else if (type == "none")
    out["tool_choice"] = "none";
  else if (type == "tool") {
    json::object function;
    function["name"] = string_at(*object, "name");
    json::object named;
    named["type"] = "function";
    named["function"] = std::move(function);
    out["tool_choice"] = std::move(named);
  } else {
    return bad("tool_choice.type: must be auto, any, none or tool", "tool_choice.type");
  }
  if (json_fields::is_true(find(*object, "disable_parallel_tool_use")) && type != "none")
    out["parallel_tool_calls"] = false;
  return std::nullopt;
}

// An explicit thinking budget as the nearest effort; adaptive thinking is the model's own call.
void read_thinking(const json::object& request, json::object& out) {
  const auto& thinking = json_fields::object_at(request, "thinking");
  if (string_at(thinking, "type") != "enabled") return;
  const auto budget = json_fields::count_at(thinking, "budget_tokens");
  out["reasoning_effort"] = budget <= 1024 ? "low" : budget <= 4096 ? "medium" : "high";
}

std::optional<openai_error> read_scalars(const json::object& request, json::object& out) {
  const auto* max_tokens = find(request, "max_tokens");
  const auto limit = json_fields::positive_integer(max_tokens);
  if (!limit) return bad("max_tokens: required, a positive integer", "max_tokens");
  out["max_completion_tokens"] = *limit;
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
  if (auto user = string_at(json_fields::object_at(request, "metadata"), "user_id"); !user.empty())
    out["user"] = user;
  read_thinking(request, out);
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

std::variant<std::string, openai_error> canonical_from_messages(std::string_view body) {
  json::error_code ec;
  json::parse_options options;
  options.max_depth = 256;
  auto parsed = json::parse(body, ec, {}, options);
  if (ec) return bad("The request body is not valid JSON: " + ec.message() + ".");
  const auto* request = parsed.if_object();
  if (!request) return bad("The request body must be a JSON object.");
  const auto model = string_at(*request, "model");
  if (model.empty()) return bad("model: required", "model");

  json::object out;
  out["model"] = model;
  json::array messages;
  if (const auto* system = find(*request, "system")) {
    auto text = text_of(*system, "system");
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
  message_reader reader(messages);
  std::size_t index = 0;
  for (const auto& item : list->get_array()) {
    const auto* message = item.if_object();
    if (!message) return bad(at("messages", index) + ": must be an object", at("messages", index));
    if (auto error = reader.read(*message, index)) return *error;
    ++index;
  }
  out["messages"] = std::move(messages);
  if (auto error = read_scalars(*request, out)) return *error;
  if (const auto* tools = find(*request, "tools"))
    if (auto error = read_tools(*tools, out)) return *error;
  if (const auto* choice = find(*request, "tool_choice"); choice && out.contains("tools"))
    if (auto error = read_tool_choice(*choice, out)) return *error;
  return json::serialize(out);
}

}  // namespace keygate::doors::anthropic
