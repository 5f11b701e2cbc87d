// Anthropic's error responses: {"type":"error","error":{"type","message"},"request_id"}.
#pragma once

#include <string>
#include <string_view>

#include "fault_knobs.hpp"
#include "gateway/http/exchange.hpp"

namespace fake {

// The error type Anthropic uses for a status (529 is overloaded_error).
std::string_view anthropic_error_type(int status);
// Sends the error; 429 also gets the anthropic-ratelimit-* headers, and `retry_after` a
// retry-after header.
keygate::task<void> send_anthropic_error(keygate::exchange& ex, int status, std::string message,
                                         const fault_knobs& knobs);

}  // namespace fake
