// How long to wait before the next attempt of a request.
#pragma once

#include <chrono>
#include <optional>
#include <random>

#include "gateway/config/config.hpp"

namespace keygate {

// Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(retry-1))] for the
// 1-based retry number. A retry-after from the upstream is a floor when the retry goes back to the
// same deployment.
millis retry_delay(int retry, const router_options& options,
                   std::optional<millis> same_deployment_retry_after, std::mt19937_64& rng);

// A client's "x-keygate-timeout": milliseconds ("1500", "1500ms") or seconds ("30s"), at least 1 ms
// and at most `max`. Empty when the value is not one of those.
std::optional<millis> parse_request_timeout(std::string_view value, millis max);

}  // namespace keygate
