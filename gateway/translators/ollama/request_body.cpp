#include "gateway/translators/ollama/request_body.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "gateway/translators/ollama/json_fields.hpp"
#include "gateway/translators/ollama/message_list.hpp"
#include "gateway/translators/ollama/request_options.hpp"
#include "gateway/translators/openai/unsupported_fields.hpp"

namespace keygate::ollama {

namespace json = boost::json;

namespace {

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

// What Ollama cannot give: several choices, log probabilities, audio, legacy functions.
std::optional<openai_error> reject_unsupported(const json::object& request) {
  if (auto error = openai::reject_several_choices(request)) return error;
  if (auto error = openai::reject_log_probabilities(request)) return error;
  return openai::reject_audio_and_legacy_functions(request);
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
                                                          const body_settings& settings) {
  if (auto error = reject_unsupported(request)) return *error;
  native_body out;
  auto& body = out.body;
  body["model"] = settings.model;

  static const json::value no_messages;
  const auto* messages = find(request, "messages");
  auto converted = convert_messages(messages ? *messages : no_messages);
  if (auto* error = std::get_if<openai_error>(&converted)) return *error;
  auto& native = std::get<native_messages>(converted);
  body["messages"] = std::move(native.messages);

  if (auto error = add_tools(request, body, out.dropped)) return *error;
  if (auto error = add_format(request, body)) return *error;
  if (auto error = add_options(request, body)) return *error;
  body["stream"] = settings.stream;  // Ollama streams unless told not to
  if (auto error = add_think(request, settings.reasoning, body, out.dropped)) return *error;
  note_dropped(request, out.dropped);
  if (native.dropped_names) out.dropped.emplace_back("messages[].name");
  return out;
}

}  // namespace keygate::ollama
