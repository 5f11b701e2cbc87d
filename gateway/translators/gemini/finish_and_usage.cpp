#include "gateway/translators/gemini/finish_and_usage.hpp"

#include <array>
#include <random>

#include "gateway/translators/gemini/json_fields.hpp"

namespace keygate::gemini {

std::string_view finish_reason_for(std::string_view finish_reason) {
  if (finish_reason == "MAX_TOKENS") return "length";
  constexpr std::array<std::string_view, 8> filtered{
      "SAFETY", "RECITATION", "LANGUAGE", "BLOCKLIST", "PROHIBITED_CONTENT",
      "SPII",   "OTHER",      "NO_IMAGE"};
  for (auto reason : filtered)
    if (finish_reason == reason) return "content_filter";
  if (finish_reason.starts_with("IMAGE_")) return "content_filter";
  // STOP, FINISH_REASON_UNSPECIFIED, MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL,
  // TOO_MANY_TOOL_CALLS, and reasons newer than this code.
  return "stop";
}

token_usage read_usage(const boost::json::object& metadata) {
  token_usage usage;
  const auto thoughts = count_at(metadata, "thoughtsTokenCount");
  usage.prompt =
      count_at(metadata, "promptTokenCount") + count_at(metadata, "toolUsePromptTokenCount");
  usage.cached = count_at(metadata, "cachedContentTokenCount");
  usage.completion = count_at(metadata, "candidatesTokenCount") + thoughts;
  usage.reasoning = thoughts;
  usage.known = true;
  return usage;
}

std::string synthesized_call_id() {
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string id = "call_";
  for (int i = 0; i < 24; ++i) id += alphabet[pick(rng)];
  return id;
}

}  // namespace keygate::gemini
