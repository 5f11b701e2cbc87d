// Google's error responses: {"error":{"code","message","status","details"}}.
#pragma once

#include <string>
#include <string_view>

#include "fault_knobs.hpp"
#include "gateway/http/exchange.hpp"

namespace fake {

// The canonical status name Google uses for an HTTP status (503 is UNAVAILABLE).
std::string_view gemini_error_status(int status);
// Sends the error. A 429 carries RetryInfo.retryDelay of `retry_after` seconds (default 1) in
// its details, and no rate-limit headers, as Google does.
keygate::task<void> send_gemini_error(keygate::exchange& ex, int status, std::string message,
                                      const fault_knobs& knobs);
// The 400 Google sends for a wrong key: INVALID_ARGUMENT with reason API_KEY_INVALID.
keygate::task<void> send_gemini_bad_key(keygate::exchange& ex);

}  // namespace fake
