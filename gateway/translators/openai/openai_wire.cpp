#include "gateway/translators/openai/openai_wire.hpp"

#include <atomic>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>

#include "gateway/base/request_id.hpp"

namespace keygate::openai {

namespace json = boost::json;

namespace {

json::object chunk_base(const response_meta& meta) {
  return {{"id", meta.id},
          {"object", "chat.completion.chunk"},
          {"created", meta.created},
          {"model", meta.model}};
}

std::string event_of(const json::object& chunk) {
  return "data: " + json::serialize(chunk) + "\n\n";
}

std::string choice_event(const response_meta& meta, json::object delta,
                         std::optional<std::string_view> finish_reason, bool usage_null) {
  auto chunk = chunk_base(meta);
  json::object choice{{"index", 0}, {"delta", std::move(delta)}, {"logprobs", nullptr}};
  choice["finish_reason"] = finish_reason ? json::value(*finish_reason) : json::value(nullptr);
  chunk["choices"] = json::array{std::move(choice)};
  if (usage_null) chunk["usage"] = nullptr;
  return event_of(chunk);
}

json::object usage_object(const token_usage& usage) {
  json::object prompt_details{{"cached_tokens", usage.cached}, {"audio_tokens", 0}};
  if (usage.cache_write > 0) prompt_details["cache_write_tokens"] = usage.cache_write;
  return {{"prompt_tokens", usage.prompt},
          {"completion_tokens", usage.completion},
          {"total_tokens", usage.total()},
          {"prompt_tokens_details", std::move(prompt_details)},
          {"completion_tokens_details",
           {{"reasoning_tokens", usage.reasoning},
            {"audio_tokens", 0},
            {"accepted_prediction_tokens", 0},
            {"rejected_prediction_tokens", 0}}}};
}

json::object choice_of(std::size_t index, json::object message, std::string_view finish_reason) {
  return {{"index", index},
          {"message", std::move(message)},
          {"logprobs", nullptr},
          {"finish_reason", finish_reason}};
}

std::string completion_of(const response_meta& meta, json::array choices,
                          const token_usage& usage) {
  json::object root{
      {"id", meta.id},       {"object", "chat.completion"},   {"created", meta.created},
      {"model", meta.model}, {"choices", std::move(choices)}, {"usage", usage_object(usage)}};
  return json::serialize(root);
}

std::string completion_of(const response_meta& meta, json::object message,
                          std::string_view finish_reason, const token_usage& usage) {
  return completion_of(meta, json::array{choice_of(0, std::move(message), finish_reason)}, usage);
}

json::object message_object(const completion_message& message) {
  json::object out{{"role", "assistant"}};
  out["content"] = message.content ? json::value(*message.content) : json::value(nullptr);
  if (message.reasoning_content) out["reasoning_content"] = *message.reasoning_content;
  out["refusal"] = nullptr;
  out["annotations"] = json::array{};
  if (!message.tool_calls.empty()) {
    json::array calls;
    for (const auto& call : message.tool_calls)
      calls.push_back(
          json::object{{"id", call.id},
                       {"type", "function"},
                       {"function", {{"name", call.name}, {"arguments", call.arguments}}}});
    out["tool_calls"] = std::move(calls);
  }
  return out;
}

}  // namespace

std::string new_completion_id() {
  return "chatcmpl-" + make_request_id().substr(4);
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string usage_json(const token_usage& usage) {
  return json::serialize(usage_object(usage));
}

std::string completion_json(const response_meta& meta, std::string_view content,
                            std::string_view finish_reason, const token_usage& usage) {
  json::object message{{"role", "assistant"},
                       {"content", content},
                       {"refusal", nullptr},
                       {"annotations", json::array{}}};
  return completion_of(meta, std::move(message), finish_reason, usage);
}

std::string completion_json(const response_meta& meta, const completion_message& message,
                            std::string_view finish_reason, const token_usage& usage) {
  return completion_of(meta, message_object(message), finish_reason, usage);
}

std::string completion_json(const response_meta& meta,
                            const std::vector<completion_choice>& choices,
                            const token_usage& usage) {
  json::array out;
  for (std::size_t i = 0; i < choices.size(); ++i)
    out.push_back(choice_of(i, message_object(choices[i].message), choices[i].finish_reason));
  return completion_of(meta, std::move(out), usage);
}

std::string role_chunk_event(const response_meta& meta, bool usage_null) {
  return choice_event(meta, {{"role", "assistant"}, {"content", ""}, {"refusal", nullptr}},
                      std::nullopt, usage_null);
}

std::string content_chunk_event(const response_meta& meta, std::string_view content,
                                bool usage_null) {
  return choice_event(meta, {{"content", content}}, std::nullopt, usage_null);
}

std::string finish_chunk_event(const response_meta& meta, std::string_view finish_reason,
                               bool usage_null) {
  return choice_event(meta, json::object{}, finish_reason, usage_null);
}

std::string usage_chunk_event(const response_meta& meta, const token_usage& usage) {
  auto chunk = chunk_base(meta);
  chunk["choices"] = json::array{};
  chunk["usage"] = usage_object(usage);
  return event_of(chunk);
}

}  // namespace keygate::openai
