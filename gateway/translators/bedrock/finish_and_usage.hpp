// Bedrock's stop reasons and token usage in OpenAI's terms (docs/mapping.md#finish-reasons,
// docs/mapping.md#usage).
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "gateway/base/usage.hpp"

namespace keygate::bedrock {

// "stop", "length", "tool_calls" or "content_filter"; unknown reasons become "stop".
std::string_view finish_reason_for(std::string_view stop_reason);

// A usage object ({"inputTokens","outputTokens","cacheReadInputTokens",…}) as token_usage. Cache
// reads and writes are part of OpenAI's prompt count but not of Bedrock's inputTokens.
token_usage usage_from(const boost::json::object& native);

}  // namespace keygate::bedrock
