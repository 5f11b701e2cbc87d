#include "gateway/translators/gemini/response_parser.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/gemini/finish_and_usage.hpp"
#include "gateway/translators/gemini/json_fields.hpp"
#include "gateway/translators/openai/openai_wire.hpp"

namespace keygate::gemini {

namespace json = boost::json;

namespace {

openai_error not_a_response() {
  return invalid_upstream_answer("a response that is not a Gemini GenerateContentResponse");
}

// One candidate as a choice: text parts joined, thoughts apart (kept only when the deployment
// reasons), function calls as tool calls.
openai::completion_choice choice_of(const json::object& candidate, bool reasoning) {
  openai::completion_choice choice;
  auto& message = choice.message;
  std::string text, thoughts;
  if (const auto* parts = find(object_at(candidate, "content"), "parts");
      parts && parts->is_array())
    for (const auto& item : parts->get_array()) {
      if (!item.is_object()) continue;
      const auto& part = item.get_object();
      if (const auto* thought = find(part, "thought");
          thought && thought->is_bool() && thought->get_bool()) {
        thoughts += string_at(part, "text");
        continue;
      }
      if (const auto* call = find(part, "functionCall"); call && call->is_object()) {
        const auto& fields = call->get_object();
        std::string id(string_at(fields, "id"));
        const auto* args = find(fields, "args");
        message.tool_calls.push_back({id.empty() ? synthesized_call_id() : std::move(id),
                                      std::string(string_at(fields, "name")),
                                      args ? json::serialize(*args) : std::string("{}")});
        continue;
      }
      text += string_at(part, "text");
    }
  if (!text.empty() || message.tool_calls.empty()) message.content = std::move(text);
  if (reasoning && !thoughts.empty()) message.reasoning_content = std::move(thoughts);
  choice.finish_reason = message.tool_calls.empty()
                             ? finish_reason_for(string_at(candidate, "finishReason"))
                             : "tool_calls";
  return choice;
}

}  // namespace

bool is_gemini_response(const json::object& response) {
  for (const char* key :
       {"candidates", "promptFeedback", "usageMetadata", "modelVersion", "responseId", "error"})
    if (response.contains(key)) return true;
  return false;
}

std::variant<openai_answer, openai_error> parse_response(std::string_view native_body,
                                                         std::string_view model, bool reasoning) {
  boost::system::error_code ec;
  auto parsed = json::parse(native_body, ec);
  if (ec || !parsed.is_object() || !is_gemini_response(parsed.get_object()) ||
      parsed.get_object().contains("error"))
    return not_a_response();
  const auto& response = parsed.get_object();

  std::vector<openai::completion_choice> choices;
  if (const auto* candidates = find(response, "candidates"); candidates && candidates->is_array())
    for (const auto& candidate : candidates->get_array())
      if (candidate.is_object()) choices.push_back(choice_of(candidate.get_object(), reasoning));
  if (choices.empty()) {  // a blocked prompt has no candidates
    openai::completion_choice blocked;
    blocked.message.content = "";
    blocked.finish_reason = string_at(object_at(response, "promptFeedback"), "blockReason").empty()
                                ? "stop"
                                : "content_filter";
    choices.push_back(std::move(blocked));
  }

  openai_answer answer;
  answer.usage = read_usage(object_at(response, "usageMetadata"));
  const auto id = string_at(response, "responseId");
  const auto version = string_at(response, "modelVersion");
  const openai::response_meta meta{
      id.empty() ? openai::new_completion_id() : "chatcmpl-" + std::string(id), openai::unix_now(),
      std::string(version.empty() ? model : version)};
  answer.body = openai::completion_json(meta, choices, answer.usage);
  return answer;
}

}  // namespace keygate::gemini
