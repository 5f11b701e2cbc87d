#include "gateway/translators/bedrock/finish_and_usage.hpp"

#include "gateway/translators/common/json_fields.hpp"

namespace keygate::bedrock {

std::string_view finish_reason_for(std::string_view stop_reason) {
  if (stop_reason == "max_tokens" || stop_reason == "model_context_window_exceeded")
    return "length";
  if (stop_reason == "tool_use") return "tool_calls";
  if (stop_reason == "guardrail_intervened" || stop_reason == "content_filtered")
    return "content_filter";
  // end_turn, stop_sequence, malformed_model_output, malformed_tool_use, and newer reasons.
  return "stop";
}

token_usage usage_from(const boost::json::object& native) {
  using json_fields::count_at;
  token_usage usage;
  usage.cached = count_at(native, "cacheReadInputTokens");
  usage.cache_write = count_at(native, "cacheWriteInputTokens");
  usage.prompt = count_at(native, "inputTokens") + usage.cached + usage.cache_write;
  usage.completion = count_at(native, "outputTokens");
  usage.known = true;
  return usage;
}

}  // namespace keygate::bedrock
