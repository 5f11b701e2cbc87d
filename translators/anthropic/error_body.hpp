// Anthropic errors, {"type":"error","error":{"type","message"}}, as OpenAI errors (providers.md
// §2.4, §10.12).
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "gateway/openai_error.hpp"

namespace keygate::anthropic {

// A whole error response. The status follows §10.12 (529 → 503); the body's error type refines
// the OpenAI type and code.
openai_error error_from_response(int upstream_status, std::string_view body);
// The "error" object of a stream's error event.
openai_error error_from_event(const boost::json::object& error);

}  // namespace keygate::anthropic
