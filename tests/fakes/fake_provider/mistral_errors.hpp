// Mistral's error answers in the fake (docs/mistral.md): the bodies Mistral sends for
// each status, pydantic's 422 for a request its schema refuses, and its rate-limit headers.
#pragma once

#include <boost/json/array.hpp>
#include <string>

#include "fault_knobs.hpp"
#include "gateway/http/exchange.hpp"

namespace fake {

// One pydantic problem: {"type","loc":["body",...],"msg","input"?}.
boost::json::object pydantic_problem(std::string_view type, boost::json::array loc,
                                     std::string_view msg);

// Sets Mistral's per-minute limits on the answer; a 429 has its request budget spent.
void set_mistral_ratelimit_headers(keygate::exchange& ex, bool spent);

// 422 with {"object":"error","message":{"detail":[...]},"type":"invalid_request_error",...}.
keygate::task<void> send_mistral_validation_error(keygate::exchange& ex, boost::json::array detail);
// Mistral's body for `status` (401 and 429 as Mistral writes them, others as its error object);
// an empty message picks the status's usual one. 429 gets the rate-limit headers, and
// `retry_after` a retry-after header.
keygate::task<void> send_mistral_error(keygate::exchange& ex, int status, std::string message,
                                       const fault_knobs& knobs);

}  // namespace fake
