// Sends an OpenAI-shaped error as the whole response.
#pragma once

#include <chrono>
#include <optional>

#include "gateway/exchange.hpp"
#include "gateway/openai_error.hpp"

namespace keygate {

// With a retry hint, both retry-after (whole seconds, rounded up) and retry-after-ms are set.
task<void> respond_error(exchange& ex, const openai_error& error,
                         std::optional<std::chrono::milliseconds> retry_after = std::nullopt);

}  // namespace keygate
