#include "bedrock_answer.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "anthropic_prompt_cache.hpp"
#include "gateway/translators/bedrock/event_stream.hpp"
#include "gateway/translators/openai/message_text.hpp"
#include "openai_api.hpp"
#include "structured_answer.hpp"

namespace fake {

namespace json = boost::json;

namespace {

constexpr std::string_view weather_input = R"({"city":"Oslo"})";
constexpr int thinking_pieces = 3;
constexpr std::string_view thinking_signature = "c2lnX2Zha2U=";

std::string thinking_piece(int i) {
  return (i == 0 ? "think" : " think") + std::to_string(i);
}

bool thinking_enabled(const json::object& request) {
  const auto* fields = request.if_contains("additionalModelRequestFields");
  const auto* thinking =
      fields && fields->is_object() ? fields->get_object().if_contains("thinking") : nullptr;
  const auto* type =
      thinking && thinking->is_object() ? thinking->get_object().if_contains("type") : nullptr;
  return type && *type == "enabled";
}

std::int64_t words_in(const json::value& blocks) {
  std::int64_t words = 0;
  if (!blocks.is_array()) return words;
  for (const auto& block : blocks.get_array()) {
    if (!block.is_object()) continue;
    const auto& b = block.get_object();
    if (auto text = b.find("text"); text != b.end() && text->value().is_string())
      words += keygate::openai::count_words(text->value().get_string());
    if (auto result = b.find("toolResult"); result != b.end() && result->value().is_object())
      if (auto inner = result->value().get_object().find("content");
          inner != result->value().get_object().end())
        words += words_in(inner->value());
  }
  return words;
}

bool ends_with_tool_results(const json::array& messages) {
  if (messages.empty() || !messages.back().is_object()) return false;
  auto content = messages.back().get_object().find("content");
  if (content == messages.back().get_object().end() || !content->value().is_array()) return false;
  for (const auto& block : content->value().get_array())
    if (block.is_object() && block.get_object().contains("toolResult")) return true;
  return false;
}

const json::object* spec_of(const json::value& tool) {
  const auto* fields = tool.if_object();
  const auto* spec = fields ? fields->if_contains("toolSpec") : nullptr;
  return spec ? spec->if_object() : nullptr;
}

std::string name_of(const json::value& tool) {
  const auto* spec = spec_of(tool);
  const auto* name = spec ? spec->if_contains("name") : nullptr;
  return name && name->is_string() ? std::string(name->get_string()) : std::string();
}

const json::value* schema_of(const json::array& tools, std::string_view name) {
  for (const auto& tool : tools) {
    const auto* spec = spec_of(tool);
    if (!spec || name_of(tool) != name) continue;
    const auto* input = spec->if_contains("inputSchema");
    return input && input->is_object() ? input->get_object().if_contains("json") : nullptr;
  }
  return nullptr;
}

// {"tool":{"name"}} forces that tool, {"any":{}} the first: nothing but the call.
std::optional<std::string> forced_tool(const json::object& config, const json::array& tools) {
  const auto* choice = config.if_contains("toolChoice");
  const auto* fields = choice ? choice->if_object() : nullptr;
  if (!fields) return std::nullopt;
  if (fields->contains("any")) return name_of(tools[0]);
  const auto* tool = fields->if_contains("tool");
  const auto* name = tool && tool->is_object() ? tool->get_object().if_contains("name") : nullptr;
  if (name && name->is_string()) return std::string(name->get_string());
  return std::nullopt;
}

void apply_inference_config(const json::object& request, bedrock_answer& a) {
  const auto* config_value = request.if_contains("inferenceConfig");
  const auto* config = config_value ? config_value->if_object() : nullptr;
  if (!config) return;
  if (const auto* stops = config->if_contains("stopSequences"); stops && stops->is_array())
    for (int i = 0; i < a.tokens; ++i)
      for (const auto& s : stops->get_array())
        if (s.is_string() && s.get_string() == "tok" + std::to_string(i)) {
          a.tokens = i;
          a.stop_reason = "stop_sequence";
        }
  if (const auto* max = config->if_contains("maxTokens"); max && max->is_int64())
    if (max->get_int64() < a.tokens) {
      a.tokens = static_cast<int>(max->get_int64());
      a.stop_reason = "max_tokens";
    }
}

json::object usage_json(const bedrock_answer& a) {
  return {{"inputTokens", a.input_tokens},
          {"outputTokens", a.tokens + a.thinking},
          {"totalTokens",
           a.input_tokens + a.cache_read_tokens + a.cache_write_tokens + a.tokens + a.thinking},
          {"cacheReadInputTokens", a.cache_read_tokens},
          {"cacheWriteInputTokens", a.cache_write_tokens}};
}

std::string frame(std::string_view type, json::object payload, std::string_view padding = {}) {
  if (!padding.empty()) payload["p"] = padding;
  return keygate::aws::encode_event(type, json::serialize(payload));
}

}  // namespace

bedrock_answer plan_bedrock_answer(const json::object& request, std::string tool_use_id, int tokens,
                                   std::string_view model) {
  bedrock_answer a;
  a.tokens = tokens;
  a.stop_reason = "end_turn";
  a.tool_use_id = std::move(tool_use_id);
  if (thinking_enabled(request)) a.thinking = thinking_pieces;
  if (const auto* system = request.if_contains("system")) a.input_tokens += words_in(*system);
  const auto& messages = request.at("messages").get_array();
  for (const auto& message : messages)
    if (message.is_object() && message.get_object().contains("content"))
      a.input_tokens += words_in(message.get_object().at("content"));
  if (model.find("anthropic.claude") != std::string_view::npos) {
    // Claude's inputTokens leave out what was read from or written to the cache.
    const auto cached = use_prompt_cache(request, a.input_tokens, model);
    a.cache_read_tokens = cached.read;
    a.cache_write_tokens = cached.write;
    a.input_tokens -= cached.read + cached.write;
  }
  apply_inference_config(request, a);
  if (a.stop_reason != "end_turn") return a;

  const auto* config_value = request.if_contains("toolConfig");
  const auto* config = config_value ? config_value->if_object() : nullptr;
  const auto* tools = config ? config->if_contains("tools") : nullptr;
  if (!tools || !tools->is_array() || tools->get_array().empty() ||
      ends_with_tool_results(messages))
    return a;
  const auto& list = tools->get_array();
  a.tool_name = name_of(list[0]);
  a.tool_input = weather_input;
  if (auto forced = forced_tool(*config, list)) {
    // A forced call fills the tool's schema (the gateway's json_response tool, for instance).
    a.text = false;
    a.tool_name = *forced;
    a.tool_input = json_for_schema(schema_of(list, *forced), a.tokens);
  }
  a.stop_reason = "tool_use";
  return a;
}

std::string converse_json(const bedrock_answer& a) {
  json::array content;
  std::string text, thought;
  for (int i = 0; i < a.thinking; ++i) thought += thinking_piece(i);
  if (a.thinking > 0)
    content.push_back(json::object{
        {"reasoningContent",
         {{"reasoningText", {{"text", thought}, {"signature", thinking_signature}}}}}});
  for (int i = 0; i < a.tokens; ++i) text += token_text(i);
  if (a.tokens > 0 && a.text) content.push_back(json::object{{"text", text}});
  if (a.tool_name)
    content.push_back(json::object{{"toolUse",
                                    {{"toolUseId", a.tool_use_id},
                                     {"name", *a.tool_name},
                                     {"input", json::parse(a.tool_input)}}}});
  json::object answer{
      {"output", {{"message", {{"role", "assistant"}, {"content", std::move(content)}}}}},
      {"stopReason", a.stop_reason},
      {"usage", usage_json(a)},
      {"metrics", {{"latencyMs", 42}}}};
  return json::serialize(answer);
}

bedrock_frames converse_stream_frames(const bedrock_answer& a) {
  bedrock_frames out;
  auto& f = out.frames;
  f.push_back(frame("messageStart", {{"role", "assistant"}}, "abcdefghijklmnopq"));
  int index = 0;
  if (a.thinking > 0) {
    for (int i = 0; i < a.thinking; ++i)
      f.push_back(frame("contentBlockDelta",
                        {{"contentBlockIndex", index},
                         {"delta", {{"reasoningContent", {{"text", thinking_piece(i)}}}}}}));
    f.push_back(frame("contentBlockDelta",
                      {{"contentBlockIndex", index},
                       {"delta", {{"reasoningContent", {{"signature", thinking_signature}}}}}}));
    f.push_back(frame("contentBlockStop", {{"contentBlockIndex", index}}));
    ++index;
  }
  out.first_content = f.size();
  if (a.tokens > 0 && a.text) {
    for (int i = 0; i < a.tokens; ++i)
      f.push_back(frame("contentBlockDelta",
                        {{"contentBlockIndex", index}, {"delta", {{"text", token_text(i)}}}},
                        i % 2 ? "abc" : ""));
    f.push_back(frame("contentBlockStop", {{"contentBlockIndex", index}}));
    ++index;
  }
  if (a.tool_name) {
    f.push_back(
        frame("contentBlockStart",
              {{"contentBlockIndex", index},
               {"start", {{"toolUse", {{"toolUseId", a.tool_use_id}, {"name", *a.tool_name}}}}}}));
    const std::string_view input = a.tool_input;
    for (auto piece : {input.substr(0, input.size() / 2), input.substr(input.size() / 2)})
      f.push_back(frame("contentBlockDelta", {{"contentBlockIndex", index},
                                              {"delta", {{"toolUse", {{"input", piece}}}}}}));
    f.push_back(frame("contentBlockStop", {{"contentBlockIndex", index}}));
  }
  f.push_back(frame("messageStop", {{"stopReason", a.stop_reason}}, "xy"));
  f.push_back(frame("metadata", {{"usage", usage_json(a)}, {"metrics", {{"latencyMs", 42}}}}));
  return out;
}

}  // namespace fake
