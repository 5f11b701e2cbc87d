// Bedrock's error responses: {"message":…} with the type in the x-amzn-ErrorType header.
#pragma once

#include <string>
#include <string_view>

#include "fault_knobs.hpp"
#include "gateway/http/exchange.hpp"

namespace fake {

// The exception Bedrock names for a status (429: ThrottlingException).
std::string_view bedrock_error_type(int status);
// Sends the error; `type` empty: the one for the status. `retry_after` adds a retry-after header
// (Bedrock itself sends none; the knob is the same for every API).
keygate::task<void> send_bedrock_error(keygate::exchange& ex, int status, std::string_view type,
                                       std::string message, const fault_knobs& knobs);

}  // namespace fake
