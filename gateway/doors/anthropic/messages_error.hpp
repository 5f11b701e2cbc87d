// keygate's errors in Anthropic's shape: {"type":"error","error":{"type","message"}}, as whole
// bodies and as a stream's `error` event.
#pragma once

#include <string>
#include <string_view>

#include "gateway/base/openai_error.hpp"

namespace keygate::doors::anthropic {

// Anthropic's error type for a status: 400 invalid_request_error, 401 authentication_error, 402
// billing_error, 403 permission_error, 404 not_found_error, 413 request_too_large, 429
// rate_limit_error, 503 and 529 overloaded_error, 504 timeout_error, other 5xx api_error.
std::string_view error_type_for(int status);

std::string error_body(const openai_error& error);
std::string error_event(const openai_error& error);

}  // namespace keygate::doors::anthropic
