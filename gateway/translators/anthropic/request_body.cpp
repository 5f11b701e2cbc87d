#include "gateway/translators/anthropic/request_body.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "gateway/translators/anthropic/content_blocks.hpp"
#include "gateway/translators/anthropic/message_list.hpp"
#include "gateway/translators/anthropic/tool_options.hpp"
#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/openai/unsupported_fields.hpp"

namespace keygate::anthropic {

namespace json = boost::json;

namespace {

using json_fields::find;
using json_fields::number;
using json_fields::positive_integer;

// Fields read by the code below; any other field is dropped and reported.
constexpr std::array<std::string_view, 23> handled_fields{"model",
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
                                                          "user",
                                                          "safety_identifier",
                                                          "tools",
                                                          "tool_choice",
                                                          "parallel_tool_calls",
                                                          "response_format",
                                                          "reasoning_effort",
                                                          "modalities",
                                                          "audio",
                                                          "functions",
                                                          "function_call"};

// What no translation can give: several choices, log probabilities, audio, legacy functions.
std::optional<openai_error> reject_unsupported(const json::object& request) {
  if (auto error = openai::reject_several_choices(request)) return error;
  if (auto error = openai::reject_log_probabilities(request)) return error;
  return openai::reject_audio_and_legacy_functions(request);
}

std::variant<std::int64_t, openai_error> max_tokens_of(const json::object& request) {
  for (const char* field : {"max_completion_tokens", "max_tokens"}) {
    const auto* value = find(request, field);
    if (!value) continue;
    auto n = positive_integer(value);
    if (!n)
      return invalid_request(std::string(field) + " must be a positive integer.",
                             std::string(field));
    return *n;
  }
  return default_max_tokens;
}

std::optional<std::int64_t> thinking_budget(std::string_view effort) {
  if (effort == "minimal" || effort == "low") return 1024;
  if (effort == "medium") return 4096;
  if (effort == "high") return 16384;
  if (effort == "xhigh") return 32768;
  return std::nullopt;
}

// reasoning_effort → thinking; max_tokens includes the budget, so it grows to hold both.
std::optional<openai_error> add_thinking(const json::object& request, json::object& native) {
  const auto* effort = find(request, "reasoning_effort");
  if (!effort || (effort->is_string() && effort->get_string() == "none")) return std::nullopt;
  auto budget = effort->is_string() ? thinking_budget(effort->get_string()) : std::nullopt;
  if (!budget)
    return invalid_request("reasoning_effort must be none, minimal, low, medium, high or xhigh.",
                           std::string("reasoning_effort"));
  if (wants_json_response(request))
    return unsupported("reasoning_effort",
                       "This provider cannot think while forced to answer in JSON; drop "
                       "reasoning_effort or response_format.");
  native["thinking"] = json::object{{"type", "enabled"}, {"budget_tokens", *budget}};
  const auto max_tokens = native["max_tokens"].get_int64();
  if (max_tokens <= *budget) native["max_tokens"] = *budget + max_tokens;
  return std::nullopt;
}

std::optional<openai_error> add_sampling(const json::object& request, json::object& native) {
  if (const auto* value = find(request, "temperature")) {
    auto t = number(value);
    if (!t || *t < 0 || *t > 1)
      return invalid_request("temperature must be between 0 and 1 for this provider.",
                             std::string("temperature"), std::string("unsupported_value"));
    native["temperature"] = *value;
  }
  if (const auto* value = find(request, "top_p")) native["top_p"] = *value;
  if (const auto* stop = find(request, "stop")) {
    json::array sequences;
    if (stop->is_string() && !stop->get_string().empty()) sequences.push_back(*stop);
    if (stop->is_array())
      for (const auto& s : stop->get_array())
        if (s.is_string() && !s.get_string().empty()) sequences.push_back(s);
    if (!sequences.empty()) native["stop_sequences"] = std::move(sequences);
  }
  return std::nullopt;
}

void add_metadata(const json::object& request, json::object& native) {
  for (const char* field : {"safety_identifier", "user"})
    if (const auto* id = find(request, field); id && id->is_string()) {
      native["metadata"] = json::object{{"user_id", *id}};
      return;
    }
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
  body["model"] = model;
  auto max_tokens = max_tokens_of(request);
  if (auto* error = std::get_if<openai_error>(&max_tokens)) return *error;
  body["max_tokens"] = std::get<std::int64_t>(max_tokens);

  auto messages_it = request.find("messages");
  static const json::value no_messages;
  auto converted =
      convert_messages(messages_it == request.end() ? no_messages : messages_it->value());
  if (auto* error = std::get_if<openai_error>(&converted)) return *error;
  auto& messages = std::get<native_messages>(converted);
  if (!messages.system.empty()) body["system"] = std::move(messages.system);
  body["messages"] = std::move(messages.messages);

  if (auto error = add_sampling(request, body)) return *error;
  add_metadata(request, body);
  note_dropped(request, out.dropped);
  if (messages.dropped_names) out.dropped.emplace_back("messages[].name");
  if (auto error = add_tool_options(request, body, out.dropped)) return *error;
  if (auto error = add_thinking(request, body)) return *error;
  if (json_fields::is_true(find(request, "stream"))) body["stream"] = true;
  return out;
}

}  // namespace keygate::anthropic
