// OpenAI's x-ratelimit-* headers and its 429 and budget errors, from an admission's result.
#pragma once

#include <optional>
#include <string>

#include "gateway/base/openai_error.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/limits/limiter.hpp"

namespace keygate {

// "20ms", "1s", "1.5s", "6m0s": the durations OpenAI's reset headers carry.
std::string reset_duration(std::int64_t ms);

void set_rate_limit_headers(header_block& headers, const admission_result& result);

// The error for a refused admission (429, or 503 when the shared counters are unreachable).
openai_error refusal_error(const admission_result& result);

}  // namespace keygate
