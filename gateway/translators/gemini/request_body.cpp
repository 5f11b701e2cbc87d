#include "gateway/translators/gemini/request_body.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "gateway/translators/gemini/contents_list.hpp"
#include "gateway/translators/gemini/json_fields.hpp"
#include "gateway/translators/gemini/tool_config.hpp"
#include "gateway/translators/openai/unsupported_fields.hpp"

namespace keygate::gemini {

namespace json = boost::json;

namespace {

constexpr std::size_t max_stop_sequences = 5;

// Fields read by the code below; any other field is dropped and reported.
constexpr std::array<std::string_view, 24> handled_fields{"model",
                                                          "messages",
                                                          "stream",
                                                          "stream_options",
                                                          "max_tokens",
                                                          "max_completion_tokens",
                                                          "temperature",
                                                          "top_p",
                                                          "stop",
                                                          "n",
                                                          "seed",
                                                          "presence_penalty",
                                                          "frequency_penalty",
                                                          "logprobs",
                                                          "top_logprobs",
                                                          "tools",
                                                          "tool_choice",
                                                          "parallel_tool_calls",
                                                          "response_format",
                                                          "reasoning_effort",
                                                          "modalities",
                                                          "audio",
                                                          "functions",
                                                          "function_call"};

// What no translation gives yet: streamed choices, log probabilities, audio, legacy functions.
std::optional<openai_error> reject_unsupported(const json::object& request) {
  if (auto n = number(find(request, "n")); n && *n > 1 && is_true(find(request, "stream")))
    return unsupported("n", "This provider streams one choice; n > 1 works only without stream.");
  if (auto error = openai::reject_log_probabilities(request)) return error;
  return openai::reject_audio_and_legacy_functions(request);
}

std::optional<openai_error> add_max_tokens(const json::object& request, json::object& config) {
  for (const char* field : {"max_completion_tokens", "max_tokens"}) {
    const auto* value = find(request, field);
    if (!value) continue;
    auto n = positive_integer(value);
    if (!n)
      return invalid_request(std::string(field) + " must be a positive integer.",
                             std::string(field));
    config["maxOutputTokens"] = *n;
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<openai_error> add_stop(const json::object& request, json::object& config) {
  const auto* stop = find(request, "stop");
  if (!stop) return std::nullopt;
  json::array sequences;
  if (stop->is_string() && !stop->get_string().empty()) sequences.push_back(*stop);
  if (stop->is_array())
    for (const auto& s : stop->get_array())
      if (s.is_string() && !s.get_string().empty()) sequences.push_back(s);
  if (sequences.size() > max_stop_sequences)
    return invalid_request("This provider takes at most 5 stop sequences.", std::string("stop"),
                           std::string("unsupported_value"));
  if (!sequences.empty()) config["stopSequences"] = std::move(sequences);
  return std::nullopt;
}

std::optional<std::int64_t> thinking_budget(std::string_view effort) {
  if (effort == "minimal" || effort == "low") return 1024;
  if (effort == "medium") return 4096;
  if (effort == "high") return 16384;
  return std::nullopt;
}

// reasoning_effort → thinkingConfig.thinkingBudget ("none" leaves the model's default); a
// reasoning deployment also asks for the thoughts (includeThoughts), which become
// reasoning_content.
std::optional<openai_error> add_thinking(const json::object& request, bool reasoning,
                                         json::object& config) {
  json::object thinking;
  const auto* effort = find(request, "reasoning_effort");
  if (effort && !(effort->is_string() && effort->get_string() == "none")) {
    auto budget = effort->is_string() ? thinking_budget(effort->get_string()) : std::nullopt;
    if (!budget)
      return invalid_request("reasoning_effort must be none, minimal, low, medium or high.",
                             std::string("reasoning_effort"));
    thinking["thinkingBudget"] = *budget;
  }
  if (reasoning) thinking["includeThoughts"] = true;
  if (!thinking.empty()) config["thinkingConfig"] = std::move(thinking);
  return std::nullopt;
}

std::optional<openai_error> add_generation_config(const json::object& request, bool reasoning,
                                                  json::object& native) {
  json::object config;
  if (auto error = add_max_tokens(request, config)) return error;
  const std::pair<const char*, const char*> same_values[] = {
      {"temperature", "temperature"},
      {"top_p", "topP"},
      {"seed", "seed"},
      {"presence_penalty", "presencePenalty"},
      {"frequency_penalty", "frequencyPenalty"}};
  for (const auto& [openai_name, gemini_name] : same_values)
    if (const auto* value = find(request, openai_name)) {
      if (!number(value))
        return invalid_request(std::string(openai_name) + " must be a number.",
                               std::string(openai_name));
      config[gemini_name] = *value;
    }
  if (auto error = add_stop(request, config)) return error;
  if (const auto* value = find(request, "n")) {
    auto n = positive_integer(value);
    if (!n) return invalid_request("n must be a positive integer.", "n");
    if (*n > 1) config["candidateCount"] = *n;
  }
  if (auto error = add_response_format(request, config)) return error;
  if (auto error = add_thinking(request, reasoning, config)) return error;
  if (!config.empty()) native["generationConfig"] = std::move(config);
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
                                                          bool reasoning) {
  if (auto error = reject_unsupported(request)) return *error;
  native_body out;
  auto& body = out.body;

  static const json::value no_messages;
  const auto* messages = find(request, "messages");
  auto converted = convert_messages(messages ? *messages : no_messages);
  if (auto* error = std::get_if<openai_error>(&converted)) return *error;
  auto& contents = std::get<native_contents>(converted);
  if (!contents.system_parts.empty())
    body["systemInstruction"] = json::object{{"parts", std::move(contents.system_parts)}};
  body["contents"] = std::move(contents.contents);

  if (auto error = add_generation_config(request, reasoning, body)) return *error;
  note_dropped(request, out.dropped);
  if (contents.dropped_names) out.dropped.emplace_back("messages[].name");
  if (auto error = add_tools(request, body, out.dropped)) return *error;
  return out;
}

}  // namespace keygate::gemini
