#include "gateway/translators/mistral/request_body.hpp"

#include <array>
#include <optional>

#include "gateway/canonical/content_walk.hpp"
#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/mistral/message_list.hpp"
#include "gateway/translators/mistral/tool_options.hpp"
#include "gateway/translators/openai/unsupported_fields.hpp"

namespace keygate::mistral {

namespace json = boost::json;

namespace {

using json_fields::find;
using json_fields::is_true;
using json_fields::number;

// Fields Mistral reads as OpenAI writes them, and Mistral's own fields a client may add.
constexpr std::array<std::string_view, 19> same_fields{"stream",
                                                       "temperature",
                                                       "top_p",
                                                       "stop",
                                                       "n",
                                                       "presence_penalty",
                                                       "frequency_penalty",
                                                       "parallel_tool_calls",
                                                       "prediction",
                                                       "metadata",
                                                       "reasoning_effort",
                                                       "prompt_cache_key",
                                                       "random_seed",
                                                       "safe_prompt",
                                                       "prompt_mode",
                                                       "guardrails",
                                                       "top_k",
                                                       "min_tokens",
                                                       "repetition_penalty"};

// Fields handled below; any other field is dropped and reported.
constexpr std::array<std::string_view, 12> handled_fields{
    "model",          "messages", "max_tokens",   "max_completion_tokens",
    "seed",           "tools",    "tool_choice",  "response_format",
    "stream_options", "logprobs", "top_logprobs", "modalities"};

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view name) {
  for (auto item : list)
    if (item == name) return true;
  return false;
}

// What Mistral cannot give: audio out, legacy functions, several choices in one stream.
std::optional<openai_error> reject_unsupported(const json::object& request) {
  if (auto error = openai::reject_audio_and_legacy_functions(request)) return error;
  if (auto n = number(find(request, "n")); n && *n > 1 && is_true(find(request, "stream")))
    return openai::unsupported("n", "This provider streams one choice; n must be 1 with stream.");
  return std::nullopt;
}

void add_renamed(const json::object& request, json::object& body) {
  // max_completion_tokens wins over the deprecated max_tokens; Mistral knows only max_tokens.
  for (const char* field : {"max_tokens", "max_completion_tokens"})
    if (const auto* value = find(request, field)) body["max_tokens"] = *value;
  if (const auto* seed = find(request, "seed")) body["random_seed"] = *seed;
}

void note_dropped(const json::object& request, std::vector<std::string>& dropped) {
  for (const auto& field : request) {
    if (field.value().is_null()) continue;
    if (!listed(same_fields, field.key()) && !listed(handled_fields, field.key()) &&
        field.key() != "audio" && field.key() != "functions" && field.key() != "function_call")
      dropped.emplace_back(field.key());
  }
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
  if (auto error = add_tool_options(request, body)) return *error;

  note_dropped(request, out.dropped);
  if (native.dropped_names) out.dropped.emplace_back("messages[].name");
  return out;
}

}  // namespace keygate::mistral
