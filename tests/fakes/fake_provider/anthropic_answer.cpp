#include "anthropic_answer.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_to.hpp>

#include "agent_script.hpp"
#include "anthropic_prompt_cache.hpp"
#include "gateway/translators/openai/message_text.hpp"
#include "openai_api.hpp"
#include "structured_answer.hpp"

namespace fake {

namespace json = boost::json;

namespace {

constexpr std::string_view weather_input = R"({"city": "Oslo"})";
constexpr int thinking_pieces = 3;
constexpr std::string_view thinking_signature = "c2lnX2Zha2U=";

std::string thinking_piece(int i) {
  return (i == 0 ? "think" : " think") + std::to_string(i);
}

bool thinking_enabled(const json::object& request) {
  auto thinking = request.find("thinking");
  if (thinking == request.end() || !thinking->value().is_object()) return false;
  auto type = thinking->value().get_object().find("type");
  return type != thinking->value().get_object().end() && type->value() == "enabled";
}

std::int64_t words_in(const json::value& content) {
  if (content.is_string()) return keygate::openai::count_words(content.get_string());
  std::int64_t words = 0;
  if (!content.is_array()) return words;
  for (const auto& block : content.get_array()) {
    if (!block.is_object()) continue;
    const auto& b = block.get_object();
    if (auto text = b.find("text"); text != b.end() && text->value().is_string())
      words += keygate::openai::count_words(text->value().get_string());
    if (auto inner = b.find("content"); inner != b.end()) words += words_in(inner->value());
  }
  return words;
}

bool ends_with_tool_results(const json::array& messages) {
  if (messages.empty() || !messages.back().is_object()) return false;
  auto content = messages.back().get_object().find("content");
  if (content == messages.back().get_object().end() || !content->value().is_array()) return false;
  for (const auto& block : content->value().get_array())
    if (block.is_object() && block.get_object().contains("tool_use_id")) return true;
  return false;
}

// tool_choice {type:"tool",name} forces that tool, {type:"any"} the first: nothing but the call.
std::optional<std::string> forced_tool(const json::object& request, const json::array& tools) {
  const auto* choice = request.if_contains("tool_choice");
  const auto* fields = choice ? choice->if_object() : nullptr;
  const auto* type = fields ? fields->if_contains("type") : nullptr;
  if (!type || !type->is_string()) return std::nullopt;
  if (*type == "any") return json::value_to<std::string>(tools[0].at("name"));
  const auto* name = fields->if_contains("name");
  if (*type == "tool" && name && name->is_string()) return std::string(name->get_string());
  return std::nullopt;
}

const json::value* input_schema_of(const json::array& tools, std::string_view name) {
  for (const auto& tool : tools) {
    const auto* fields = tool.if_object();
    const auto* tool_name = fields ? fields->if_contains("name") : nullptr;
    if (tool_name && tool_name->is_string() && tool_name->get_string() == name)
      return fields->if_contains("input_schema");
  }
  return nullptr;
}

json::object usage_json(const anthropic_answer& a, std::int64_t output) {
  return {{"input_tokens", a.input_tokens},
          {"output_tokens", output},
          {"cache_creation_input_tokens", a.cache_write_tokens},
          {"cache_read_input_tokens", a.cache_read_tokens}};
}

std::string event(std::string_view name, const json::object& data) {
  return "event: " + std::string(name) + "\ndata: " + json::serialize(data) + "\n\n";
}

}  // namespace

std::int64_t input_words(const json::object& request) {
  std::int64_t words = 0;
  if (auto system = request.find("system"); system != request.end())
    words += words_in(system->value());
  for (const auto& message : request.at("messages").get_array())
    if (message.is_object() && message.get_object().contains("content"))
      words += words_in(message.get_object().at("content"));
  return words;
}

anthropic_answer plan_answer(const json::object& request, std::string id, int tokens) {
  anthropic_answer a;
  a.id = std::move(id);
  a.model = json::value_to<std::string>(request.at("model"));
  a.stop_reason = "end_turn";
  a.tokens = tokens;
  if (thinking_enabled(request)) a.thinking = thinking_pieces;
  a.input_tokens = input_words(request);
  const auto cached = use_prompt_cache(request, a.input_tokens, a.model);
  a.cache_read_tokens = cached.read;
  a.cache_write_tokens = cached.write;
  a.input_tokens -= cached.read + cached.write;

  if (auto stops = request.find("stop_sequences");
      stops != request.end() && stops->value().is_array())
    for (int i = 0; i < a.tokens; ++i)
      for (const auto& s : stops->value().get_array())
        if (s.is_string() && s.get_string() == "tok" + std::to_string(i)) {
          a.tokens = i;
          a.stop_reason = "stop_sequence";
          a.stop_sequence = std::string(s.get_string());
        }
  if (const auto max = request.at("max_tokens").to_number<std::int64_t>(); max < a.tokens) {
    a.tokens = static_cast<int>(max);
    a.stop_reason = "max_tokens";
    return a;
  }
  const auto step = agent_step(anthropic_conversation(request));
  if (step.text) {
    a.scripted_text = *step.text;
    a.tokens = std::max(a.tokens, 1);
    return a;
  }
  if (step.call) {
    a.tool_name = step.call->tool;
    a.tool_input = step.call->arguments;
    a.stop_reason = "tool_use";
    return a;
  }
  auto tools = request.find("tools");
  if (a.stop_reason == "end_turn" && tools != request.end() && tools->value().is_array() &&
      !tools->value().get_array().empty() &&
      !ends_with_tool_results(request.at("messages").get_array())) {
    const auto& list = tools->value().get_array();
    a.tool_name = json::value_to<std::string>(list[0].at("name"));
    a.tool_input = weather_input;
    if (auto forced = forced_tool(request, list)) {
      // A forced call fills the tool's schema (the gateway's json_response tool, for instance).
      a.text = false;
      a.tool_name = *forced;
      if (request.at("tool_choice").at("type") == "tool")
        a.tool_input = json_for_schema(input_schema_of(list, *forced), a.tokens);
    }
    a.stop_reason = "tool_use";
  }
  return a;
}

std::string message_json(const anthropic_answer& a) {
  json::array content;
  std::string text, thought;
  for (int i = 0; i < a.thinking; ++i) thought += thinking_piece(i);
  if (a.thinking > 0)
    content.push_back(json::object{
        {"type", "thinking"}, {"thinking", thought}, {"signature", thinking_signature}});
  for (int i = 0; i < a.tokens; ++i) text += token_text(i);
  if (a.scripted_text) text = *a.scripted_text;
  if (a.tokens > 0 && a.text) content.push_back(json::object{{"type", "text"}, {"text", text}});
  if (a.tool_name)
    content.push_back(json::object{{"type", "tool_use"},
                                   {"id", "toolu_" + a.id},
                                   {"name", *a.tool_name},
                                   {"input", json::parse(a.tool_input)}});
  auto usage = usage_json(a, a.tokens + a.thinking);
  usage["service_tier"] = "standard";
  json::object message{{"id", a.id},       {"type", "message"},  {"role", "assistant"},
                       {"model", a.model}, {"content", content}, {"stop_reason", a.stop_reason}};
  message["stop_sequence"] = a.stop_sequence ? json::value(*a.stop_sequence) : nullptr;
  message["usage"] = std::move(usage);
  return json::serialize(message);
}

anthropic_events stream_events(const anthropic_answer& a) {
  anthropic_events out;
  auto& e = out.events;
  json::object start{{"id", a.id},
                     {"type", "message"},
                     {"role", "assistant"},
                     {"model", a.model},
                     {"content", json::array{}},
                     {"stop_reason", nullptr},
                     {"stop_sequence", nullptr},
                     {"usage", usage_json(a, 1)}};
  e.push_back(event("message_start", {{"type", "message_start"}, {"message", std::move(start)}}));
  int index = 0;
  if (a.thinking > 0) {
    json::object block{{"type", "thinking"}, {"thinking", ""}, {"signature", ""}};
    e.push_back(event(
        "content_block_start",
        {{"type", "content_block_start"}, {"index", index}, {"content_block", std::move(block)}}));
    for (int i = 0; i < a.thinking; ++i)
      e.push_back(
          event("content_block_delta",
                {{"type", "content_block_delta"},
                 {"index", index},
                 {"delta", {{"type", "thinking_delta"}, {"thinking", thinking_piece(i)}}}}));
    e.push_back(
        event("content_block_delta",
              {{"type", "content_block_delta"},
               {"index", index},
               {"delta", {{"type", "signature_delta"}, {"signature", thinking_signature}}}}));
    e.push_back(event("content_block_stop", {{"type", "content_block_stop"}, {"index", index}}));
    ++index;
  }
  const bool text = a.tokens > 0 && a.text;
  if (text)
    e.push_back(
        event("content_block_start", {{"type", "content_block_start"},
                                      {"index", index},
                                      {"content_block", {{"type", "text"}, {"text", ""}}}}));
  e.push_back(event("ping", {{"type", "ping"}}));
  out.first_content = e.size();
  if (text) {
    const int pieces = a.scripted_text ? 1 : a.tokens;
    for (int i = 0; i < pieces; ++i)
      e.push_back(event("content_block_delta",
                        {{"type", "content_block_delta"},
                         {"index", index},
                         {"delta",
                          {{"type", "text_delta"},
                           {"text", a.scripted_text ? *a.scripted_text : token_text(i)}}}}));
    e.push_back(event("content_block_stop", {{"type", "content_block_stop"}, {"index", index}}));
    ++index;
  }
  if (a.tool_name) {
    json::object block{{"type", "tool_use"},
                       {"id", "toolu_" + a.id},
                       {"name", *a.tool_name},
                       {"input", json::object{}}};
    e.push_back(event(
        "content_block_start",
        {{"type", "content_block_start"}, {"index", index}, {"content_block", std::move(block)}}));
    const std::string_view input = a.tool_input;
    for (std::string_view piece :
         {std::string_view(), input.substr(0, input.size() / 2), input.substr(input.size() / 2)})
      e.push_back(event("content_block_delta",
                        {{"type", "content_block_delta"},
                         {"index", index},
                         {"delta", {{"type", "input_json_delta"}, {"partial_json", piece}}}}));
    e.push_back(event("content_block_stop", {{"type", "content_block_stop"}, {"index", index}}));
  }
  json::object delta{{"stop_reason", a.stop_reason}};
  delta["stop_sequence"] = a.stop_sequence ? json::value(*a.stop_sequence) : nullptr;
  e.push_back(event("message_delta", {{"type", "message_delta"},
                                      {"delta", std::move(delta)},
                                      {"usage", {{"output_tokens", a.tokens + a.thinking}}}}));
  e.push_back(event("message_stop", {{"type", "message_stop"}}));
  return out;
}

}  // namespace fake
