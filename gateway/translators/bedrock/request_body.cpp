#include "gateway/translators/bedrock/request_body.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "gateway/canonical/content_walk.hpp"
#include "gateway/translators/bedrock/message_list.hpp"
#include "gateway/translators/bedrock/tool_options.hpp"
#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/openai/unsupported_fields.hpp"

namespace keygate::bedrock {

namespace json = boost::json;

namespace {

using json_fields::find;
using json_fields::number;
using json_fields::positive_integer;
using openai::unsupported;

// Fields read by the code below; any other field is dropped and reported.
constexpr std::array<std::string_view, 21> handled_fields{"model",
                                                          "messages",
                                                          "stream",
                                                          "stream_options",
                                                          "max_tokens",
                                                          "max_completion_tokens",
                                                          "temperature",
                                                          "top_p",
                                                          "stop",
                                                          "n",
                                                          "logprobs",
                                                          "top_logprobs",
                                                          "tools",
                                                          "tool_choice",
                                                          "parallel_tool_calls",
                                                          "response_format",
                                                          "modalities",
                                                          "audio",
                                                          "functions",
                                                          "function_call",
                                                          "reasoning_effort"};

// What no translation can give: several choices, log probabilities, audio, legacy functions.
std::optional<openai_error> reject_unsupported(const json::object& request) {
  if (auto error = openai::reject_several_choices(request)) return error;
  if (auto error = openai::reject_log_probabilities(request)) return error;
  return openai::reject_audio_and_legacy_functions(request);
}

// maxTokens, temperature, topP and stopSequences; an empty config is left out.
std::optional<openai_error> add_inference_config(const json::object& request,
                                                 json::object& native) {
  json::object config;
  for (const char* field : {"max_completion_tokens", "max_tokens"}) {
    const auto* value = find(request, field);
    if (!value) continue;
    auto n = positive_integer(value);
    if (!n)
      return invalid_request(std::string(field) + " must be a positive integer.",
                             std::string(field));
    config["maxTokens"] = *n;
    break;
  }
  if (const auto* value = find(request, "temperature")) {
    if (!number(value))
      return invalid_request("temperature must be a number.", std::string("temperature"));
    config["temperature"] = *value;
  }
  if (const auto* value = find(request, "top_p")) {
    if (!number(value)) return invalid_request("top_p must be a number.", std::string("top_p"));
    config["topP"] = *value;
  }
  if (const auto* stop = find(request, "stop")) {
    json::array sequences;
    if (stop->is_string() && !stop->get_string().empty()) sequences.push_back(*stop);
    if (stop->is_array())
      for (const auto& s : stop->get_array())
        if (s.is_string() && !s.get_string().empty()) sequences.push_back(s);
    if (!sequences.empty()) config["stopSequences"] = std::move(sequences);
  }
  if (!config.empty()) native["inferenceConfig"] = std::move(config);
  return std::nullopt;
}

std::optional<std::int64_t> thinking_budget(std::string_view effort) {
  if (effort == "minimal" || effort == "low") return 1024;
  if (effort == "medium") return 4096;
  if (effort == "high") return 16384;
  if (effort == "xhigh") return 32768;
  return std::nullopt;
}

// reasoning_effort → Claude's thinking, which Converse carries in additionalModelRequestFields;
// maxTokens includes the budget, so it grows to hold both. Other model families have no such
// field here: the effort is dropped for them.
std::optional<openai_error> add_thinking(const json::object& request, std::string_view model,
                                         json::object& native, std::vector<std::string>& dropped) {
  const auto* effort = find(request, "reasoning_effort");
  if (!effort || (effort->is_string() && effort->get_string() == "none")) return std::nullopt;
  auto budget = effort->is_string() ? thinking_budget(effort->get_string()) : std::nullopt;
  if (!budget)
    return invalid_request("reasoning_effort must be none, minimal, low, medium, high or xhigh.",
                           std::string("reasoning_effort"));
  if (model.find("anthropic.claude") == std::string_view::npos) {
    dropped.emplace_back("reasoning_effort");
    return std::nullopt;
  }
  if (wants_json_response(request))
    return unsupported("reasoning_effort",
                       "This provider cannot think while forced to answer in JSON; drop "
                       "reasoning_effort or response_format.");
  native["additionalModelRequestFields"] =
      json::object{{"thinking", {{"type", "enabled"}, {"budget_tokens", *budget}}}};
  auto& slot = native["inferenceConfig"];
  if (!slot.is_object()) slot = json::object{};
  auto& config = slot.get_object();
  const auto* given = config.if_contains("maxTokens");
  const std::int64_t max_tokens = given ? given->as_int64() : default_thinking_max_tokens;
  config["maxTokens"] = max_tokens <= *budget ? max_tokens + *budget : max_tokens;
  return std::nullopt;
}

void note_dropped(const json::object& request, std::vector<std::string>& dropped) {
  for (const auto& field : request) {
    if (field.value().is_null()) continue;
    if (std::find(handled_fields.begin(), handled_fields.end(), field.key()) ==
        handled_fields.end())
      dropped.emplace_back(field.key());
  }
  if (const auto* options = find(request, "stream_options");
      options && options->is_object() && options->get_object().contains("include_obfuscation"))
    dropped.emplace_back("stream_options.include_obfuscation");
}

}  // namespace

std::variant<native_body, openai_error> build_native_body(const json::object& request,
                                                          std::string_view model) {
  if (auto error = reject_unsupported(request)) return *error;
  native_body out;
  auto& body = out.body;

  auto messages_it = request.find("messages");
  static const json::value no_messages;
  auto converted =
      convert_messages(messages_it == request.end() ? no_messages : messages_it->value());
  if (auto* error = std::get_if<openai_error>(&converted)) return *error;
  auto& messages = std::get<native_messages>(converted);
  body["messages"] = std::move(messages.messages);
  if (!messages.system.empty()) body["system"] = std::move(messages.system);

  if (auto error = add_inference_config(request, body)) return *error;
  note_dropped(request, out.dropped);
  if (messages.dropped_names) out.dropped.emplace_back("messages[].name");
  const tool_history history{messages.has_tool_blocks, &messages.history_tools};
  if (auto error = add_tool_config(request, history, body, out.dropped)) return *error;
  if (auto error = add_thinking(request, model, body, out.dropped)) return *error;
  return out;
}

}  // namespace keygate::bedrock
