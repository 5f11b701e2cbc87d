// Gemini's finish reasons, usage and missing call ids in OpenAI's terms (providers.md §10.3,
// §10.5, §10.6).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "gateway/usage.hpp"

namespace keygate::gemini {

// "stop", "length" or "content_filter"; a turn with function calls becomes "tool_calls" where the
// caller knows about them. Unknown reasons become "stop".
std::string_view finish_reason_for(std::string_view finish_reason);

// A usageMetadata object; the counts are cumulative, so it replaces what came before.
token_usage read_usage(const boost::json::object& metadata);

// "call_" + 24 random alphanumerics, for function calls that come without an id.
std::string synthesized_call_id();

}  // namespace keygate::gemini
