// Gemini's finish reasons, usage and missing call ids in OpenAI's terms
// (docs/mapping.md#tool-calls-ids-tool-messages-arguments, docs/mapping.md#finish-reasons,
// docs/mapping.md#usage).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "gateway/base/usage.hpp"

namespace keygate::gemini {

// "stop", "length" or "content_filter"; a turn with function calls becomes "tool_calls" where the
// caller knows about them. Unknown reasons become "stop".
std::string_view finish_reason_for(std::string_view finish_reason);

// A usageMetadata object; the counts are cumulative, so it replaces what came before.
token_usage read_usage(const boost::json::object& metadata);

// "call_" + 24 random alphanumerics, for function calls that come without an id.
std::string synthesized_call_id();

}  // namespace keygate::gemini
