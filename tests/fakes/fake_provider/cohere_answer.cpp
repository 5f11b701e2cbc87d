#include "cohere_answer.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstdio>

#include "gateway/translators/openai/message_text.hpp"
#include "openai_api.hpp"
#include "structured_answer.hpp"

namespace fake {

namespace json = boost::json;

namespace {

constexpr std::string_view tool_arguments_head = R"({"city": )";
constexpr std::string_view tool_arguments_tail = R"("Oslo"})";
constexpr std::string_view tool_plan = "I will look up the weather.";
constexpr std::string_view thought = "Thinking about it.";

std::string_view string_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string_view(value->get_string()) : std::string_view();
}

std::int64_t words_in(const json::value& content) {
  if (content.is_string()) return keygate::openai::count_words(content.get_string());
  std::int64_t words = 0;
  if (content.is_array())
    for (const auto& part : content.get_array())
      if (part.is_object())
        words += keygate::openai::count_words(string_of(part.get_object(), "text"));
  return words;
}

bool wants_tool(const json::object& request, const json::array& messages) {
  const auto* tools = request.if_contains("tools");
  if (!tools || !tools->is_array() || tools->get_array().empty()) return false;
  if (string_of(request, "tool_choice") == "NONE") return false;
  return string_of(messages.back().get_object(), "role") != "tool";
}

bool thinks(const json::object& request, std::string_view model) {
  const auto* thinking = request.if_contains("thinking");
  if (thinking && thinking->is_object() && string_of(thinking->get_object(), "type") == "disabled")
    return false;
  return model.starts_with("command-a-reasoning");
}

// Cohere's json_object answer: shaped by its json_schema when one came, else {"answer": text}.
std::optional<std::string> json_text_of(const json::object& request, int tokens) {
  const auto* format = request.if_contains("response_format");
  if (!format || !format->is_object() || string_of(format->get_object(), "type") != "json_object")
    return std::nullopt;
  return json_for_schema(format->get_object().if_contains("json_schema"), tokens);
}

std::string text_of(const cohere_answer& a) {
  return a.json_text ? *a.json_text : answer_text(a.tokens);
}

json::object usage_of(const cohere_answer& a) {
  const std::int64_t output = a.tool_name ? 10 : a.tokens;
  return {{"billed_units", {{"input_tokens", a.prompt_tokens}, {"output_tokens", output}}},
          {"tokens", {{"input_tokens", a.prompt_tokens}, {"output_tokens", output}}},
          {"cached_tokens", 0}};
}

json::object tool_call_of(const cohere_answer& a) {
  return {{"id", a.tool_call_id},
          {"type", "function"},
          {"function",
           {{"name", *a.tool_name},
            {"arguments", std::string(tool_arguments_head) + std::string(tool_arguments_tail)}}}};
}

std::string event(const json::object& data) {
  return "event: " + std::string(data.at("type").as_string()) + "\ndata: " + json::serialize(data) +
         "\n\n";
}

json::object content_event(std::string_view type, int index, json::object content) {
  return {{"type", type}, {"index", index}, {"delta", {{"message", {{"content", content}}}}}};
}

json::object tool_call_event(std::string_view type, json::object call) {
  return {{"type", type}, {"index", 0}, {"delta", {{"message", {{"tool_calls", call}}}}}};
}

std::string uuid_for(std::uint64_t n) {
  char id[40];
  std::snprintf(id, sizeof id, "c0be2e00-0000-4000-8000-%012llu",
                static_cast<unsigned long long>(n));
  return id;
}

}  // namespace

cohere_answer plan_cohere_answer(const json::object& request, std::uint64_t n, int tokens) {
  cohere_answer a;
  a.id = uuid_for(n);
  a.tokens = tokens;
  a.finish_reason = "COMPLETE";
  const auto model = string_of(request, "model");
  a.thinking = thinks(request, model);
  const auto& messages = request.at("messages").get_array();
  for (const auto& m : messages)
    if (const auto* content = m.get_object().if_contains("content"))
      a.prompt_tokens += words_in(*content);
  if (const auto* stops = request.if_contains("stop_sequences"); stops && stops->is_array())
    for (int i = 0; i < a.tokens; ++i)
      for (const auto& s : stops->get_array())
        if (s.is_string() && s.get_string() == "tok" + std::to_string(i)) {
          a.tokens = i;
          a.finish_reason = "STOP_SEQUENCE";
        }
  if (const auto* max = request.if_contains("max_tokens");
      max && max->is_int64() && max->get_int64() < a.tokens) {
    a.tokens = static_cast<int>(max->get_int64());
    a.finish_reason = "MAX_TOKENS";
  }
  a.json_text = json_text_of(request, a.tokens);
  if (a.finish_reason == "COMPLETE" && wants_tool(request, messages)) {
    const auto& tool = request.at("tools").get_array()[0].get_object();
    a.tool_name = std::string(string_of(tool.at("function").get_object(), "name"));
    a.tool_call_id = *a.tool_name + "_fake" + std::to_string(n);
    a.finish_reason = "TOOL_CALL";
  }
  return a;
}

std::string cohere_response_json(const cohere_answer& a) {
  json::array content;
  if (a.thinking) content.push_back(json::object{{"type", "thinking"}, {"thinking", thought}});
  json::object message{{"role", "assistant"}};
  if (a.tool_name) {
    message["tool_plan"] = tool_plan;
    message["tool_calls"] = json::array{tool_call_of(a)};
  } else {
    content.push_back(json::object{{"type", "text"}, {"text", text_of(a)}});
  }
  if (!content.empty()) message["content"] = std::move(content);
  const json::object body{{"id", a.id},
                          {"finish_reason", a.finish_reason},
                          {"message", std::move(message)},
                          {"usage", usage_of(a)}};
  return json::serialize(body);
}

cohere_events cohere_stream_events(const cohere_answer& a) {
  cohere_events out;
  auto& e = out.events;
  e.push_back(event({{"id", a.id},
                     {"type", "message-start"},
                     {"delta",
                      {{"message",
                        {{"role", "assistant"},
                         {"content", json::array()},
                         {"tool_plan", ""},
                         {"tool_calls", json::array()},
                         {"citations", json::array()}}}}}}));
  int index = 0;
  if (a.thinking) {
    e.push_back(
        event(content_event("content-start", index, {{"type", "thinking"}, {"thinking", ""}})));
    e.push_back(event(content_event("content-delta", index, {{"thinking", thought}})));
    e.push_back(event({{"type", "content-end"}, {"index", index++}}));
  }
  out.first_content = e.size();
  if (a.tool_name) {
    e.push_back(
        event({{"type", "tool-plan-delta"}, {"delta", {{"message", {{"tool_plan", tool_plan}}}}}}));
    json::object start = tool_call_of(a);
    start["function"].as_object()["arguments"] = "";
    e.push_back(event(tool_call_event("tool-call-start", std::move(start))));
    for (auto piece : {tool_arguments_head, tool_arguments_tail})
      e.push_back(
          event(tool_call_event("tool-call-delta", {{"function", {{"arguments", piece}}}})));
    e.push_back(event({{"type", "tool-call-end"}, {"index", 0}}));
    out.content_count = 4;
  } else {
    e.push_back(event(content_event("content-start", index, {{"type", "text"}, {"text", ""}})));
    if (a.json_text) {
      e.push_back(event(content_event("content-delta", index, {{"text", *a.json_text}})));
      out.content_count = 1;
    } else {
      for (int i = 0; i < a.tokens; ++i)
        e.push_back(event(content_event("content-delta", index, {{"text", token_text(i)}})));
      out.content_count = a.tokens;
    }
    e.push_back(event({{"type", "content-end"}, {"index", index}}));
  }
  e.push_back(event({{"type", "message-end"},
                     {"delta", {{"finish_reason", a.finish_reason}, {"usage", usage_of(a)}}}}));
  return out;
}

}  // namespace fake
