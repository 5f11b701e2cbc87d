#include "gateway/translators/anthropic/finish_and_usage.hpp"

#include <optional>

namespace keygate::anthropic {

namespace json = boost::json;

namespace {

std::optional<std::int64_t> count(const json::object& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->value().is_int64()) return it->value().get_int64();
  if (it->value().is_uint64()) return static_cast<std::int64_t>(it->value().get_uint64());
  return std::nullopt;
}

}  // namespace

std::string_view finish_reason_for(std::string_view stop_reason) {
  if (stop_reason == "max_tokens" || stop_reason == "model_context_window_exceeded")
    return "length";
  if (stop_reason == "tool_use") return "tool_calls";
  if (stop_reason == "refusal") return "content_filter";
  return "stop";  // end_turn, stop_sequence, pause_turn, and reasons newer than this code
}

void read_usage(const json::object& native, token_usage& usage) {
  // Input is split in three: uncached, written to the cache, read from it. OpenAI's prompt count
  // holds all three.
  auto input = count(native, "input_tokens");
  auto created = count(native, "cache_creation_input_tokens");
  auto read = count(native, "cache_read_input_tokens");
  const std::int64_t uncached = input.value_or(usage.prompt - usage.cache_write - usage.cached);
  if (created) usage.cache_write = *created;
  if (read) usage.cached = *read;
  usage.prompt = uncached + usage.cache_write + usage.cached;
  if (auto output = count(native, "output_tokens")) usage.completion = *output;
  if (auto details = native.find("output_tokens_details");
      details != native.end() && details->value().is_object())
    if (auto thinking = count(details->value().get_object(), "thinking_tokens"))
      usage.reasoning = *thinking;
  usage.known = true;
}

}  // namespace keygate::anthropic
