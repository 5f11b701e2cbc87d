#include "gemini_answer.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "agent_script.hpp"
#include "gateway/translators/openai/message_text.hpp"
#include "openai_api.hpp"
#include "structured_answer.hpp"

namespace fake {

namespace json = boost::json;

namespace {

constexpr std::string_view tool_args = R"({"city":"Oslo"})";
constexpr int thought_tokens = 3;
constexpr std::string_view thought_text = "think0 think1 think2";

const json::value* field(const json::object& object, std::string_view camel,
                         std::string_view snake) {
  if (auto it = object.find(camel); it != object.end()) return &it->value();
  if (auto it = object.find(snake); it != object.end()) return &it->value();
  return nullptr;
}

std::int64_t words_in_parts(const json::value* parts) {
  std::int64_t words = 0;
  if (!parts || !parts->is_array()) return words;
  for (const auto& part : parts->get_array()) {
    if (!part.is_object()) continue;
    if (auto text = part.get_object().find("text");
        text != part.get_object().end() && text->value().is_string())
      words += keygate::openai::count_words(text->value().get_string());
  }
  return words;
}

bool ends_with_function_responses(const json::array& contents) {
  if (contents.empty() || !contents.back().is_object()) return false;
  auto parts = contents.back().get_object().find("parts");
  if (parts == contents.back().get_object().end() || !parts->value().is_array()) return false;
  for (const auto& part : parts->value().get_array())
    if (part.is_object() && field(part.get_object(), "functionResponse", "function_response"))
      return true;
  return false;
}

std::optional<std::string> first_function(const json::object& request) {
  const auto* tools = field(request, "tools", "tools");
  if (!tools || !tools->is_array()) return std::nullopt;
  for (const auto& tool : tools->get_array()) {
    if (!tool.is_object()) continue;
    const auto* declarations =
        field(tool.get_object(), "functionDeclarations", "function_declarations");
    if (declarations && declarations->is_array() && !declarations->get_array().empty() &&
        declarations->get_array()[0].is_object())
      if (auto name = declarations->get_array()[0].get_object().find("name");
          name != declarations->get_array()[0].get_object().end() && name->value().is_string())
        return std::string(name->value().get_string());
  }
  return std::nullopt;
}

json::object usage_json(const gemini_answer& a, int sent) {
  const std::int64_t candidates = static_cast<std::int64_t>(sent) * a.candidates;
  json::object usage{
      {"promptTokenCount", a.prompt_tokens},
      {"candidatesTokenCount", candidates},
      {"totalTokenCount", a.prompt_tokens + candidates + a.thoughts},
      {"promptTokensDetails",
       json::array{json::object{{"modality", "TEXT"}, {"tokenCount", a.prompt_tokens}}}}};
  if (a.thoughts > 0) usage["thoughtsTokenCount"] = a.thoughts;  // candidates leave them out
  return usage;
}

// JSON mode: the text shaped by responseJsonSchema (or responseSchema), else {"answer": text}.
std::optional<std::string> json_text_for(const json::object& config, int tokens) {
  const auto* mime = field(config, "responseMimeType", "response_mime_type");
  if (!mime || !mime->is_string() || mime->get_string() != "application/json") return std::nullopt;
  const auto* schema = field(config, "responseJsonSchema", "response_json_schema");
  if (!schema) schema = field(config, "responseSchema", "response_schema");
  return json_for_schema(schema, tokens);
}

json::object thought_part() {
  return {{"text", thought_text}, {"thought", true}};
}

json::object response_of(const gemini_answer& a, json::array candidates, int sent) {
  return {{"candidates", std::move(candidates)},
          {"usageMetadata", usage_json(a, sent)},
          {"modelVersion", a.model},
          {"responseId", a.response_id}};
}

json::object candidate(int index, json::array parts, std::string_view finish_reason) {
  json::object c{{"content", {{"parts", std::move(parts)}, {"role", "model"}}}, {"index", index}};
  if (!finish_reason.empty()) c["finishReason"] = finish_reason;
  return c;
}

json::object function_call_part(const gemini_answer& a) {
  return {{"functionCall", {{"name", *a.tool_name}, {"args", json::parse(a.tool_arguments)}}}};
}

std::string event_of(const json::object& response) {
  return "data: " + json::serialize(response) + "\r\n\r\n";
}

}  // namespace

gemini_answer plan_gemini_answer(const json::object& request, std::string response_id,
                                 std::string model, int tokens) {
  gemini_answer a;
  a.response_id = std::move(response_id);
  a.model = std::move(model);
  a.tokens = tokens;
  a.finish_reason = "STOP";
  if (const auto* system = field(request, "systemInstruction", "system_instruction");
      system && system->is_object())
    a.prompt_tokens += words_in_parts(field(system->get_object(), "parts", "parts"));
  static const json::array no_contents;
  const auto* contents_value = field(request, "contents", "contents");
  const auto& contents =
      contents_value && contents_value->is_array() ? contents_value->get_array() : no_contents;
  for (const auto& content : contents)
    if (content.is_object())
      a.prompt_tokens += words_in_parts(field(content.get_object(), "parts", "parts"));

  static const json::object no_config;
  const auto* config_value = field(request, "generationConfig", "generation_config");
  const auto& config =
      config_value && config_value->is_object() ? config_value->get_object() : no_config;
  if (const auto* thinking = field(config, "thinkingConfig", "thinking_config");
      thinking && thinking->is_object())
    if (const auto* include = field(thinking->get_object(), "includeThoughts", "include_thoughts");
        include && include->is_bool() && include->get_bool())
      a.thoughts = thought_tokens;
  if (const auto* count = field(config, "candidateCount", "candidate_count");
      count && count->is_int64())
    a.candidates = std::max(1, static_cast<int>(count->get_int64()));
  // Gemini stops before a stop sequence and still says STOP.
  if (const auto* stops = field(config, "stopSequences", "stop_sequences");
      stops && stops->is_array())
    for (int i = 0; i < a.tokens; ++i)
      for (const auto& s : stops->get_array())
        if (s.is_string() && s.get_string() == "tok" + std::to_string(i)) a.tokens = i;
  if (const auto* max = field(config, "maxOutputTokens", "max_output_tokens");
      max && max->is_int64() && max->get_int64() < a.tokens) {
    a.tokens = static_cast<int>(max->get_int64());
    a.finish_reason = "MAX_TOKENS";
    return a;
  }
  a.json_text = json_text_for(config, a.tokens);
  a.tool_arguments = std::string(tool_args);
  const auto step = agent_step(gemini_conversation(request));
  if (step.text) {
    a.json_text = *step.text;  // one chunk, like a JSON answer
    a.tokens = std::max(a.tokens, 1);
  } else if (step.call) {
    a.tool_name = step.call->tool;
    a.tool_arguments = step.call->arguments;
    a.tokens = 0;
  } else if (!ends_with_function_responses(contents)) {
    a.tool_name = first_function(request);
  }
  return a;
}

std::string gemini_response_json(const gemini_answer& a) {
  json::array candidates;
  for (int c = 0; c < a.candidates; ++c) {
    json::array parts;
    if (a.thoughts > 0) parts.push_back(thought_part());
    std::string text;
    for (int i = 0; i < a.tokens; ++i) text += token_text(i);
    if (a.json_text) text = *a.json_text;
    if (a.tokens > 0) parts.push_back(json::object{{"text", text}});
    if (a.tool_name) parts.push_back(function_call_part(a));
    candidates.push_back(candidate(c, std::move(parts), a.finish_reason));
  }
  return json::serialize(response_of(a, std::move(candidates), a.tokens));
}

gemini_chunks gemini_stream_chunks(const gemini_answer& a) {
  gemini_chunks out;
  // The thoughts first, whole; then one token per chunk; the last chunk holds the function call
  // (if any), the finish reason and the final usage. Every chunk carries the cumulative usage.
  if (a.thoughts > 0) {
    json::array candidates{candidate(0, json::array{thought_part()}, "")};
    out.events.push_back(event_of(response_of(a, std::move(candidates), 0)));
    out.first_content = out.events.size();
  }
  const int pieces = a.json_text ? std::min(a.tokens, 1) : a.tokens;  // JSON comes in one chunk
  for (int i = 0; i < pieces; ++i) {
    json::array parts{json::object{{"text", a.json_text ? *a.json_text : token_text(i)}}};
    const bool last = i + 1 == pieces && !a.tool_name;
    json::array candidates{candidate(0, std::move(parts), last ? a.finish_reason : "")};
    out.events.push_back(
        event_of(response_of(a, std::move(candidates), a.json_text ? a.tokens : i + 1)));
  }
  if (a.tokens == 0 || a.tool_name) {
    json::array parts;
    if (a.tool_name) parts.push_back(function_call_part(a));
    json::array candidates{candidate(0, std::move(parts), a.finish_reason)};
    out.events.push_back(event_of(response_of(a, std::move(candidates), a.tokens)));
  }
  return out;
}

}  // namespace fake
