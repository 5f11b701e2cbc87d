#include "gateway/doors/responses/responses_request.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "gateway/doors/common/item_ids.hpp"
#include "gateway/doors/responses/item_types.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::doors::responses {

namespace json = boost::json;
using json_fields::find;
using json_fields::string_at;

namespace {

openai_error bad(std::string message, std::string param, std::string code = "invalid_value") {
  return invalid_request(std::move(message), std::move(param), std::move(code));
}

std::string at(std::string_view base, std::size_t i) {
  return std::string(base) + "[" + std::to_string(i) + "]";
}

// The item with its type spelled out and an id of its own, as input_items lists it.
json::object normalized(json::object item) {
  if (!item.contains("type")) item["type"] = "message";
  if (!item.contains("id")) {
    const auto type = string_at(item, "type");
    item["id"] = new_item_id(type == "message"         ? "msg_"
                             : type == "function_call" ? "fc_"
                                                       : "item_");
  }
  return item;
}

std::variant<json::array, openai_error> input_items(const json::value& input) {
  json::array items;
  if (input.is_string()) {
    json::object part;
    part["type"] = "input_text";
    part["text"] = input.get_string();
    json::object message;
    message["type"] = "message";
    message["role"] = "user";
    message["content"] = json::array{std::move(part)};
    items.push_back(normalized(std::move(message)));
    return items;
  }
  if (!input.is_array()) return bad("'input' must be a string or a list of items.", "input");
  std::size_t i = 0;
  for (const auto& item : input.get_array()) {
    if (!item.is_object())
      return bad(at("input", i) + " must be an object.", at("input", i), "invalid_type");
    items.push_back(normalized(item.get_object()));
    ++i;
  }
  return items;
}

// Text parts (and a plain string) as one string; `where` names the content in errors. Other
// parts are left out and named in `dropped`.
std::variant<std::string, openai_error> text_of(const json::value& content,
                                                const std::string& where,
                                                std::vector<std::string>& dropped) {
  if (content.is_string()) return std::string(content.get_string());
  if (!content.is_array()) return bad(where + " must be a string or a list of parts.", where);
  std::string text;
  std::size_t i = 0;
  for (const auto& item : content.get_array()) {
    const auto* part = item.if_object();
    const auto type = part ? string_at(*part, "type") : std::string_view();
    if (type == "input_text" || type == "output_text" || type == "text")
      text += string_at(*part, "text");
    else if (type == "refusal")
      text += string_at(*part, "refusal");
    else
      dropped.push_back(at(where, i) + ":" + std::string(type));
    ++i;
  }
  return text;
}

std::variant<json::value, openai_error> user_content(const json::value& content,
                                                     const std::string& where,
                                                     std::vector<std::string>& dropped) {
  if (content.is_string()) return content;
  if (!content.is_array()) return bad(where + " must be a string or a list of parts.", where);
  json::array parts;
  std::size_t i = 0;
  for (const auto& item : content.get_array()) {
    const std::string part_where = at(where, i++);
    const auto* part = item.if_object();
    const auto type = part ? string_at(*part, "type") : std::string_view();
    if (type == "input_text" || type == "output_text" || type == "text") {
      json::object text;
      text["type"] = "text";
      text["text"] = string_at(*part, "text");
      parts.push_back(std::move(text));
    } else if (type == "input_image") {
      const auto url = string_at(*part, "image_url");
      if (url.empty()) {  // by file_id: only OpenAI's own files hold it
        dropped.push_back(part_where + ":input_image");
        continue;
      }
      json::object image_url;
      image_url["url"] = url;
      if (auto detail = string_at(*part, "detail"); !detail.empty()) image_url["detail"] = detail;
      json::object image;
      image["type"] = "image_url";
      image["image_url"] = std::move(image_url);
      parts.push_back(std::move(image));
    } else {
      dropped.push_back(part_where + ":" + std::string(type));  // input_file, ...
    }
  }
  return json::value(std::move(parts));
}

class conversation_reader {
 public:
  conversation_reader(json::array& out, std::vector<std::string>& dropped)
      : out_(out), dropped_(dropped) {}

  std::optional<openai_error> read(const json::object& item, const std::string& where) {
    const auto type = string_at(item, "type");
    if (type == "message") return message(item, where);
    if (type == "function_call") return function_call(item, where);
    if (type == "function_call_output") return function_output(item, where);
    if (type == "reasoning") return std::nullopt;  // the model's own notes; others cannot use them
    if (!openai_only_item_type(type))
      return bad(where + ": unknown item type '" + std::string(type) + "'.", where + ".type");
    // item_reference, custom tools' and hosted tools' calls and outputs, ...: only OpenAI's own
    // servers know them.
    dropped_.push_back(where + ":" + std::string(type));
    return std::nullopt;
  }

 private:
  std::optional<openai_error> message(const json::object& item, const std::string& where) {
    const auto role = string_at(item, "role");
    const auto* content = find(item, "content");
    if (!content) return bad(where + ".content is required.", where + ".content");
    json::object m;
    if (role == "user") {
      auto read = user_content(*content, where + ".content", dropped_);
      if (auto* error = std::get_if<openai_error>(&read)) return *error;
      m["role"] = "user";
      m["content"] = std::move(std::get<json::value>(read));
    } else if (role == "assistant" || role == "system" || role == "developer") {
      auto read = text_of(*content, where + ".content", dropped_);
      if (auto* error = std::get_if<openai_error>(&read)) return *error;
      m["role"] = role == "developer" ? "system" : role;
      m["content"] = std::get<std::string>(read);
    } else {
      return bad(where + ".role must be user, assistant, system or developer.", where + ".role");
    }
    out_.push_back(std::move(m));
    return std::nullopt;
  }

  std::optional<openai_error> function_call(const json::object& item, const std::string& where) {
    const auto call_id = string_at(item, "call_id");
    const auto name = string_at(item, "name");
    if (call_id.empty() || name.empty())
      return bad(where + ": a function_call needs call_id and name.", where);
    json::object function;
    function["name"] = name;
    function["arguments"] = string_at(item, "arguments");
    json::object call;
    call["id"] = call_id;
    call["type"] = "function";
    call["function"] = std::move(function);
    calls_.insert(std::string(call_id));
    // Calls right after the assistant's words (or other calls) belong to the same turn.
    if (!out_.empty() && out_.back().as_object().at("role") == "assistant") {
      auto& turn = out_.back().as_object();
      if (!turn.contains("tool_calls")) {
        if (string_at(turn, "content").empty()) turn["content"] = nullptr;
        turn["tool_calls"] = json::array();
      }
      turn["tool_calls"].as_array().push_back(std::move(call));
      return std::nullopt;
    }
    json::object turn;
    turn["role"] = "assistant";
    turn["content"] = nullptr;
    turn["tool_calls"] = json::array{std::move(call)};
    out_.push_back(std::move(turn));
    return std::nullopt;
  }

  std::optional<openai_error> function_output(const json::object& item, const std::string& where) {
    const auto call_id = string_at(item, "call_id");
    if (call_id.empty() || !calls_.contains(std::string(call_id)))
      return bad(where + ": function_call_output '" + std::string(call_id) +
                     "' answers no function_call before it.",
                 where + ".call_id");
    const auto* output = find(item, "output");
    std::string text;
    if (output) {
      auto read = text_of(*output, where + ".output", dropped_);
      if (auto* error = std::get_if<openai_error>(&read)) return *error;
      text = std::get<std::string>(read);
    }
    json::object m;
    m["role"] = "tool";
    m["tool_call_id"] = call_id;
    m["content"] = text;
    out_.push_back(std::move(m));
    return std::nullopt;
  }

  json::array& out_;
  std::vector<std::string>& dropped_;
  std::set<std::string> calls_;
};

std::optional<openai_error> read_tools(const json::object& request, json::object& out,
                                       std::vector<std::string>& dropped) {
  const auto* tools = find(request, "tools");
  if (!tools) return std::nullopt;
  if (!tools->is_array()) return bad("'tools' must be a list.", "tools", "invalid_type");
  json::array list;
  std::size_t i = 0;
  for (const auto& item : tools->get_array()) {
    const std::string where = at("tools", i++);
    const auto* tool = item.if_object();
    if (!tool) return bad(where + " must be an object.", where, "invalid_type");
    const auto type = string_at(*tool, "type");
    // Hosted tools, namespaces and custom tools: only OpenAI's own servers (or the client) run
    // them.
    if (type != "function") {
      if (!openai_only_tool_type(type))
        return bad(where + ": unknown tool type '" + std::string(type) + "'.", where + ".type");
      dropped.push_back(where + ":" + std::string(type));
      continue;
    }
    json::object function;
    function["name"] = string_at(*tool, "name");
    if (auto description = string_at(*tool, "description"); !description.empty())
      function["description"] = description;
    if (const auto* parameters = find(*tool, "parameters")) function["parameters"] = *parameters;
    if (const auto* strict = find(*tool, "strict")) function["strict"] = *strict;
    json::object entry;
    entry["type"] = "function";
    entry["function"] = std::move(function);
    list.push_back(std::move(entry));
  }
  const bool has_tools = !list.empty();
  if (has_tools) out["tools"] = std::move(list);
  if (const auto* choice = find(request, "tool_choice"); choice && !has_tools) {
    // It chooses among tools that were all left out; "auto" and "none" ask for nothing.
    if (!choice->is_string() || choice->get_string() == "required")
      dropped.emplace_back("tool_choice");
    return std::nullopt;
  }
  if (const auto* choice = find(request, "tool_choice"); choice && has_tools) {
    if (choice->is_string()) {
      out["tool_choice"] = *choice;
    } else if (const auto* named = choice->if_object();
               named && string_at(*named, "type") == "function") {
      json::object function;
      function["name"] = string_at(*named, "name");
      json::object pick;
      pick["type"] = "function";
      pick["function"] = std::move(function);
      out["tool_choice"] = std::move(pick);
    } else {
      dropped.emplace_back("tool_choice");  // allowed_tools, a hosted or custom tool
    }
  }
  return std::nullopt;
}

std::optional<openai_error> read_text_format(const json::object& request, json::object& out) {
  const auto& format = json_fields::object_at(json_fields::object_at(request, "text"), "format");
  const auto type = string_at(format, "type");
  if (type.empty() || type == "text") return std::nullopt;
  if (type == "json_object") {
    out["response_format"] = json::parse(R"({"type":"json_object"})");
    return std::nullopt;
  }
  if (type != "json_schema")
    return bad("text.format.type must be text, json_schema or json_object.", "text.format.type");
  json::object schema;
  schema["name"] = string_at(format, "name");
  for (const char* field : {"schema", "strict", "description"})
    if (const auto* value = find(format, field)) schema[field] = *value;
  json::object response_format;
  response_format["type"] = "json_schema";
  response_format["json_schema"] = std::move(schema);
  out["response_format"] = std::move(response_format);
  return std::nullopt;
}

std::optional<openai_error> read_settings(const json::object& request, json::object& out,
                                          std::vector<std::string>& dropped) {
  if (const auto* limit = find(request, "max_output_tokens")) {
    auto n = json_fields::positive_integer(limit);
    if (!n) return bad("'max_output_tokens' must be a positive integer.", "max_output_tokens");
    out["max_completion_tokens"] = *n;
  }
  for (const char* field : {"temperature", "top_p"})
    if (const auto* value = find(request, field)) {
      if (!value->is_number())
        return bad("'" + std::string(field) + "' must be a number.", field, "invalid_type");
      out[field] = *value;
    }
  for (const char* field : {"parallel_tool_calls", "user", "safety_identifier"})
    if (const auto* value = find(request, field)) out[field] = *value;
  if (auto effort = string_at(json_fields::object_at(request, "reasoning"), "effort");
      !effort.empty())
    out["reasoning_effort"] = effort;
  // Answered in the foreground: the Response comes back completed instead of queued.
  if (json_fields::is_true(find(request, "background"))) dropped.emplace_back("background");
  return read_text_format(request, out);
}

// What a Response object repeats of its request.
json::object echo_of(const json::object& request) {
  json::object echo;
  auto copy = [&](const char* field, const json::value& fallback) {
    const auto* value = find(request, field);
    echo[field] = value ? *value : fallback;
  };
  copy("instructions", nullptr);
  copy("max_output_tokens", nullptr);
  copy("metadata", json::object());
  copy("parallel_tool_calls", true);
  copy("previous_response_id", nullptr);
  copy("temperature", 1.0);
  copy("tool_choice", "auto");
  copy("tools", json::array());
  copy("top_p", 1.0);
  copy("truncation", "disabled");
  copy("user", nullptr);
  json::object reasoning;
  const auto& asked = json_fields::object_at(request, "reasoning");
  reasoning["effort"] = find(asked, "effort") ? *find(asked, "effort") : json::value(nullptr);
  reasoning["summary"] = find(asked, "summary") ? *find(asked, "summary") : json::value(nullptr);
  echo["reasoning"] = std::move(reasoning);
  const auto* text = find(request, "text");
  echo["text"] = text ? *text : json::parse(R"({"format":{"type":"text"}})");
  return echo;
}

}  // namespace

std::variant<json::array, openai_error> messages_of(const json::array& items, std::size_t first_own,
                                                    std::vector<std::string>& dropped) {
  json::array messages;
  conversation_reader reader(messages, dropped);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string where = i >= first_own ? at("input", i - first_own) : "previous_response_id";
    if (!items[i].is_object()) return bad(where + " must be an object.", where, "invalid_type");
    if (auto error = reader.read(items[i].get_object(), where)) return *error;
  }
  return messages;
}

std::variant<responses_reading, openai_error> read_responses_request(const json::object& request,
                                                                     json::array history) {
  responses_reading out;
  const auto model = string_at(request, "model");
  if (model.empty()) return bad("'model' is required.", "model", "missing_required_parameter");
  const auto* input = find(request, "input");
  if (!input) return bad("'input' is required.", "input", "missing_required_parameter");
  auto own = input_items(*input);
  if (auto* error = std::get_if<openai_error>(&own)) return *error;
  out.input = std::move(std::get<json::array>(own));
  const std::size_t first_own = history.size();
  out.conversation = std::move(history);
  for (const auto& item : out.input) out.conversation.push_back(item);

  json::object canonical;
  canonical["model"] = model;
  json::array messages;
  if (auto instructions = string_at(request, "instructions"); !instructions.empty()) {
    json::object system;
    system["role"] = "system";
    system["content"] = instructions;
    messages.push_back(std::move(system));
  }
  auto conversation = messages_of(out.conversation, first_own, out.dropped);
  if (auto* error = std::get_if<openai_error>(&conversation)) return *error;
  for (auto& m : std::get<json::array>(conversation)) messages.push_back(std::move(m));
  if (messages.empty()) return bad("'input' must hold at least one item.", "input");
  canonical["messages"] = std::move(messages);
  if (auto error = read_settings(request, canonical, out.dropped)) return *error;
  if (auto error = read_tools(request, canonical, out.dropped)) return *error;
  if (const auto* stream = find(request, "stream")) {
    if (!stream->is_bool()) return bad("'stream' must be a boolean.", "stream", "invalid_type");
    out.stream = stream->get_bool();
  }
  if (out.stream) {
    canonical["stream"] = true;
    canonical["stream_options"] = json::parse(R"({"include_usage":true})");
  }
  if (const auto* store = find(request, "store")) {
    if (!store->is_bool()) return bad("'store' must be a boolean.", "store", "invalid_type");
    out.store = store->get_bool();
  }
  out.echo = echo_of(request);
  out.echo["store"] = out.store;
  out.canonical = json::serialize(canonical);
  return out;
}

}  // namespace keygate::doors::responses
