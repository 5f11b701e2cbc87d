// Anthropic errors, {"type":"error","error":{"type","message"}}, as OpenAI errors
// (docs/anthropic.md#errors-error_bodycpp, docs/mapping.md#errors).
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "gateway/base/openai_error.hpp"

namespace keygate::anthropic {

// A whole error response. The status follows docs/mapping.md#errors (529 → 503); the body's error
// type refines the OpenAI type and code.
openai_error error_from_response(int upstream_status, std::string_view body);
// The "error" object of a stream's error event.
openai_error error_from_event(const boost::json::object& error);

}  // namespace keygate::anthropic
