#include "mistral_answer.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "gateway/translators/openai/message_text.hpp"
#include "openai_api.hpp"
#include "structured_answer.hpp"

namespace fake {

namespace json = boost::json;

namespace {

constexpr std::string_view tool_arguments = R"({"city": "Oslo"})";
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
  if (const auto* choice = request.if_contains("tool_choice");
      choice && choice->is_string() && choice->get_string() == "none")
    return false;
  return messages.empty() || string_of(messages.back().get_object(), "role") != "tool";
}

json::object usage_of(const mistral_answer& a) {
  const int completion = a.tokens * a.choices;
  return {{"prompt_tokens", a.prompt_tokens},
          {"total_tokens", a.prompt_tokens + completion},
          {"completion_tokens", completion}};
}

json::array tool_calls_of(const mistral_answer& a) {
  return json::array{
      json::object{{"id", a.tool_call_id},
                   {"function", {{"name", *a.tool_name}, {"arguments", tool_arguments}}},
                   {"index", 0}}};
}

json::object thinking_chunk() {
  return {{"type", "thinking"},
          {"thinking", json::array{json::object{{"type", "text"}, {"text", thought}}}}};
}

json::value content_of(const mistral_answer& a) {
  std::string text = a.json_text ? *a.json_text : answer_text(a.tokens);
  if (!a.thinking) return json::value(text);
  return json::array{thinking_chunk(), json::object{{"type", "text"}, {"text", text}}};
}

std::string chunk_event(const mistral_answer& a, json::object delta, const json::value& finish,
                        const json::object* usage = nullptr) {
  json::object chunk{{"id", a.id},
                     {"object", "chat.completion.chunk"},
                     {"created", a.created},
                     {"model", a.model}};
  chunk["choices"] = json::array{json::object{
      {"index", 0}, {"delta", std::move(delta)}, {"finish_reason", finish}, {"logprobs", nullptr}}};
  if (usage) chunk["usage"] = *usage;
  return "data: " + json::serialize(chunk) + "\n\n";
}

}  // namespace

mistral_answer plan_mistral_answer(const json::object& request, std::uint64_t n, int tokens) {
  mistral_answer a;
  a.id = "cmpl-fake-" + std::to_string(n);
  a.model = std::string(string_of(request, "model"));
  a.created = 1767225600 + static_cast<std::int64_t>(n);
  a.tokens = tokens;
  a.finish_reason = "stop";
  a.thinking = a.model.starts_with("magistral");
  const auto& messages = request.at("messages").get_array();
  for (const auto& m : messages)
    if (const auto* content = m.get_object().if_contains("content"))
      a.prompt_tokens += words_in(*content);
  if (const auto* stop = request.if_contains("stop"); stop && !stop->is_null()) {
    const json::array stops = stop->is_array() ? stop->get_array() : json::array{*stop};
    for (int i = 0; i < a.tokens; ++i)
      for (const auto& s : stops)
        if (s.is_string() && s.get_string() == "tok" + std::to_string(i)) a.tokens = i;
  }
  if (const auto* max = request.if_contains("max_tokens");
      max && max->is_int64() && max->get_int64() < a.tokens) {
    a.tokens = static_cast<int>(max->get_int64());
    a.finish_reason = "length";
  }
  if (const auto* choices = request.if_contains("n"); choices && choices->is_int64())
    a.choices = std::max(1, static_cast<int>(choices->get_int64()));
  a.json_text = json_answer(request, a.tokens);
  if (a.finish_reason == "stop" && wants_tool(request, messages)) {
    const auto& tool = request.at("tools").get_array()[0].get_object();
    a.tool_name = std::string(string_of(tool.at("function").get_object(), "name"));
    a.tool_call_id = std::to_string(100000000 + n % 900000000).substr(0, 9);
    a.finish_reason = "tool_calls";
  }
  return a;
}

std::string mistral_completion_json(const mistral_answer& a) {
  json::array choices;
  for (int i = 0; i < a.choices; ++i) {
    json::object message{{"role", "assistant"}, {"content", content_of(a)}};
    message["tool_calls"] = a.tool_name ? json::value(tool_calls_of(a)) : json::value(nullptr);
    choices.push_back(json::object{
        {"index", i}, {"message", std::move(message)}, {"finish_reason", a.finish_reason}});
  }
  json::object body{{"id", a.id},       {"object", "chat.completion"},   {"created", a.created},
                    {"model", a.model}, {"choices", std::move(choices)}, {"usage", usage_of(a)}};
  return json::serialize(body);
}

mistral_events mistral_stream_events(const mistral_answer& a) {
  mistral_events out;
  auto& e = out.events;
  e.push_back(chunk_event(a, {{"role", "assistant"}, {"content", ""}}, nullptr));
  if (a.thinking)
    e.push_back(chunk_event(a, {{"content", json::array{thinking_chunk()}}}, nullptr));
  out.first_content = e.size();
  if (a.json_text) {
    e.push_back(chunk_event(a, {{"content", *a.json_text}}, nullptr));
    out.content_count = 1;
  } else {
    for (int i = 0; i < a.tokens; ++i) {
      json::value piece(token_text(i));
      if (a.thinking) piece = json::array{json::object{{"type", "text"}, {"text", token_text(i)}}};
      e.push_back(chunk_event(a, {{"content", std::move(piece)}}, nullptr));
    }
    out.content_count = a.tokens;
  }
  json::object last{{"content", ""}};
  if (a.tool_name) last["tool_calls"] = tool_calls_of(a);
  const auto usage = usage_of(a);
  e.push_back(chunk_event(a, std::move(last), json::value(a.finish_reason), &usage));
  e.emplace_back("data: [DONE]\n\n");
  return out;
}

}  // namespace fake
