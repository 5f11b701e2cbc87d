#include "gateway/translators/cohere/request_body.hpp"

#include <array>
#include <optional>

#include "gateway/canonical/content_walk.hpp"
#include "gateway/translators/cohere/message_list.hpp"
#include "gateway/translators/cohere/tool_options.hpp"
#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/openai/unsupported_fields.hpp"

namespace keygate::cohere {

namespace json = boost::json;

namespace {

using json_fields::find;
using json_fields::is_true;
using json_fields::number;

// Fields Cohere reads as OpenAI writes them, and Cohere's own fields a client may add.
constexpr std::array<std::string_view, 10> same_fields{
    "stream", "temperature", "seed",      "presence_penalty", "frequency_penalty",
    "k",      "safety_mode", "documents", "citation_options", "priority"};

// Fields handled below; any other field is dropped and reported.
constexpr std::array<std::string_view, 17> handled_fields{"model",
                                                          "messages",
                                                          "max_tokens",
                                                          "max_completion_tokens",
                                                          "top_p",
                                                          "stop",
                                                          "n",
                                                          "tools",
                                                          "tool_choice",
                                                          "response_format",
                                                          "stream_options",
                                                          "reasoning_effort",
                                                          "logprobs",
                                                          "top_logprobs",
                                                          "modalities",
                                                          "audio",
                                                          "functions"};

// Cohere takes at most five stop sequences.
constexpr std::size_t max_stop_sequences = 5;

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view name) {
  for (auto item : list)
    if (item == name) return true;
  return false;
}

// What Cohere cannot give: audio out, legacy functions, several choices.
std::optional<openai_error> reject_unsupported(const json::object& request) {
  if (auto error = openai::reject_audio_and_legacy_functions(request)) return error;
  return openai::reject_several_choices(request);
}

std::optional<openai_error> add_stop(const json::object& request, json::object& body) {
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
  if (!sequences.empty()) body["stop_sequences"] = std::move(sequences);
  return std::nullopt;
}

std::optional<std::int64_t> thinking_budget(std::string_view effort) {
  if (effort == "minimal" || effort == "low") return 1024;
  if (effort == "medium") return 4096;
  if (effort == "high" || effort == "xhigh") return 16384;
  return std::nullopt;
}

// reasoning_effort → Cohere's thinking switch; "none" turns thinking off.
std::optional<openai_error> add_thinking(const json::object& request, json::object& body) {
  const auto* effort = find(request, "reasoning_effort");
  if (!effort) return std::nullopt;
  if (effort->is_string() && effort->get_string() == "none") {
    body["thinking"] = json::object{{"type", "disabled"}};
    return std::nullopt;
  }
  auto budget = effort->is_string() ? thinking_budget(effort->get_string()) : std::nullopt;
  if (!budget)
    return invalid_request("reasoning_effort must be none, minimal, low, medium, high or xhigh.",
                           std::string("reasoning_effort"));
  body["thinking"] = json::object{{"type", "enabled"}, {"token_budget", *budget}};
  return std::nullopt;
}

void add_renamed(const json::object& request, json::object& body) {
  // max_completion_tokens wins over the deprecated max_tokens.
  for (const char* field : {"max_tokens", "max_completion_tokens"})
    if (const auto* value = find(request, field)) body["max_tokens"] = *value;
  if (const auto* top_p = find(request, "top_p")) body["p"] = *top_p;
}

void note_dropped(const json::object& request, std::vector<std::string>& dropped) {
  for (const auto& field : request) {
    if (field.value().is_null()) continue;
    if (!listed(same_fields, field.key()) && !listed(handled_fields, field.key()) &&
        field.key() != "function_call")
      dropped.emplace_back(field.key());
  }
  // Cohere's log probabilities have no OpenAI form here: the answer would come without them.
  if (is_true(find(request, "logprobs"))) dropped.emplace_back("logprobs");
  if (auto top = number(find(request, "top_logprobs")); top && *top > 0)
    dropped.emplace_back("top_logprobs");
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

  static const json::value no_messages;
  const auto* messages = find(request, "messages");
  auto converted = convert_messages(messages ? *messages : no_messages);
  if (auto* error = std::get_if<openai_error>(&converted)) return *error;
  auto& native = std::get<native_messages>(converted);
  body["messages"] = std::move(native.messages);

  for (const auto& field : request)
    if (!field.value().is_null() && listed(same_fields, field.key()))
      body[field.key()] = field.value();
  add_renamed(request, body);
  if (auto error = add_stop(request, body)) return *error;
  if (auto error = add_thinking(request, body)) return *error;
  if (auto error = add_tool_options(request, body)) return *error;

  note_dropped(request, out.dropped);
  if (native.dropped_names) out.dropped.emplace_back("messages[].name");
  return out;
}

}  // namespace keygate::cohere
