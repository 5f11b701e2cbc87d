#include "ollama_answer.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "gateway/translators/openai/message_text.hpp"
#include "openai_api.hpp"

namespace fake {

namespace json = boost::json;

namespace {

constexpr std::string_view tool_args = R"({"city":"Oslo"})";

const json::value* field(const json::object& object, std::string_view key) {
  auto it = object.find(key);
  return it == object.end() || it->value().is_null() ? nullptr : &it->value();
}

// RFC 3339 with nanoseconds, as Go prints created_at.
std::string created_at() {
  const auto now = std::chrono::system_clock::now();
  const auto seconds = std::chrono::system_clock::to_time_t(now);
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()) %
                     std::chrono::seconds(1);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%09lldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long long>(nanos.count()));
  return text;
}

std::string thinking_text(int i) {
  return (i == 0 ? "think" : " think") + std::to_string(i);
}

// think: true or a level asks for thinking; false and no field do not.
bool wants_thinking(const json::object& request) {
  const auto* think = field(request, "think");
  if (!think) return false;
  return think->is_bool() ? think->get_bool() : think->is_string();
}

// With `format`, the answer is a JSON object: each property of the schema (or "answer" for
// "json") gets the text, the token count or true, by its type.
std::string json_answer(const json::value& format, const std::string& text, int tokens) {
  json::object out;
  const json::object* properties = nullptr;
  if (format.is_object())
    if (const auto* p = field(format.get_object(), "properties"); p && p->is_object())
      properties = &p->get_object();
  if (!properties || properties->empty()) return json::serialize(json::object{{"answer", text}});
  for (const auto& property : *properties) {
    const auto type = property.value().is_object() && field(property.value().get_object(), "type")
                          ? property.value().get_object().at("type")
                          : json::value("string");
    if (type == "integer" || type == "number")
      out[property.key()] = tokens;
    else if (type == "boolean")
      out[property.key()] = true;
    else
      out[property.key()] = text;
  }
  return json::serialize(out);
}

json::object message_of(std::string_view content) {
  return {{"role", "assistant"}, {"content", content}};
}

json::object line_of(const ollama_answer& a, json::object message) {
  return {{"model", a.model},
          {"created_at", created_at()},
          {"message", std::move(message)},
          {"done", false}};
}

json::object tool_call(const ollama_answer& a, std::size_t i) {
  return {{"function",
           {{"index", i}, {"name", a.tool_names[i]}, {"arguments", json::parse(tool_args)}}}};
}

// The done:true object; zero counts and durations are left out, as Go's omitempty does.
json::object final_of(const ollama_answer& a, json::object message) {
  json::object out = line_of(a, std::move(message));
  out.erase("done");  // Ollama writes done_reason first
  out["done_reason"] = a.done_reason;
  out["done"] = true;
  if (a.done_reason == "load") return out;
  const std::int64_t generated = a.tokens + a.thinking_tokens;
  out["total_duration"] = 5'000'000 + generated * 1'000'000;
  out["load_duration"] = 1'000'000;
  if (a.prompt_tokens > 0) {
    out["prompt_eval_count"] = a.prompt_tokens;
    out["prompt_eval_duration"] = a.prompt_tokens * 100'000;
  }
  out["eval_count"] = generated;
  out["eval_duration"] = generated * 1'000'000;
  return out;
}

std::string text_of(int tokens) {
  std::string text;
  for (int i = 0; i < tokens; ++i) text += token_text(i);
  return text;
}

}  // namespace

ollama_answer plan_ollama_answer(const json::object& request, std::string model, int tokens) {
  ollama_answer a;
  a.model = std::move(model);
  a.tokens = tokens;
  a.done_reason = "stop";
  const auto* messages = field(request, "messages");
  if (!messages || !messages->is_array() || messages->get_array().empty()) {
    a.tokens = 0;  // only loads the model
    a.done_reason = "load";
    return a;
  }
  for (const auto& message : messages->get_array())
    if (const auto* content =
            message.is_object() ? field(message.get_object(), "content") : nullptr;
        content && content->is_string())
      a.prompt_tokens += keygate::openai::count_words(content->get_string());
  if (wants_thinking(request)) a.thinking_tokens = 3;

  static const json::object no_options;
  const auto* options_value = field(request, "options");
  const auto& options =
      options_value && options_value->is_object() ? options_value->get_object() : no_options;
  // Ollama stops before a stop sequence and says stop.
  if (const auto* stops = field(options, "stop"); stops && stops->is_array())
    for (int i = 0; i < a.tokens; ++i)
      for (const auto& s : stops->get_array())
        if (s.is_string() && s.get_string() == "tok" + std::to_string(i)) a.tokens = i;
  if (const auto* max = field(options, "num_predict");
      max && max->is_int64() && max->get_int64() >= 0 && max->get_int64() < a.tokens) {
    a.tokens = static_cast<int>(max->get_int64());
    a.done_reason = "length";
    return a;
  }
  if (const auto* format = field(request, "format"))
    a.json_content = json_answer(*format, text_of(a.tokens), a.tokens);
  const auto& last = messages->get_array().back();
  const bool answers_tool = last.is_object() && field(last.get_object(), "role") &&
                            *field(last.get_object(), "role") == "tool";
  if (const auto* tools = field(request, "tools"); tools && tools->is_array() && !answers_tool)
    for (const auto& tool : tools->get_array())
      if (tool.is_object())
        if (const auto* function = field(tool.get_object(), "function");
            function && function->is_object())
          if (const auto* name = field(function->get_object(), "name"); name && name->is_string())
            a.tool_names.emplace_back(name->get_string());
  return a;
}

std::string ollama_whole_json(const ollama_answer& a) {
  auto message = message_of(a.json_content ? *a.json_content : text_of(a.tokens));
  if (a.thinking_tokens > 0) {
    std::string thinking;
    for (int i = 0; i < a.thinking_tokens; ++i) thinking += thinking_text(i);
    message["thinking"] = thinking;
  }
  if (!a.tool_names.empty()) {
    json::array calls;
    for (std::size_t i = 0; i < a.tool_names.size(); ++i) calls.push_back(tool_call(a, i));
    message["tool_calls"] = std::move(calls);
  }
  return json::serialize(final_of(a, std::move(message)));
}

ollama_lines ollama_stream_lines(const ollama_answer& a) {
  ollama_lines out;
  auto add = [&](const json::object& line) { out.lines.push_back(json::serialize(line) + "\n"); };
  for (int i = 0; i < a.thinking_tokens; ++i) {
    auto message = message_of("");
    message["thinking"] = thinking_text(i);
    add(line_of(a, std::move(message)));
  }
  out.first_content = out.lines.size();
  if (a.json_content) {
    add(line_of(a, message_of(*a.json_content)));
  } else {
    for (int i = 0; i < a.tokens; ++i) add(line_of(a, message_of(token_text(i))));
  }
  for (std::size_t i = 0; i < a.tool_names.size(); ++i) {  // each call whole, in a line of its own
    auto message = message_of("");
    message["tool_calls"] = json::array{tool_call(a, i)};
    add(line_of(a, std::move(message)));
  }
  add(final_of(a, message_of("")));
  return out;
}

std::string ollama_error_line(std::string_view message) {
  return json::serialize(json::object{{"error", message}}) + "\n";
}

}  // namespace fake
