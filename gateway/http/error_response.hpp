// Sends an OpenAI-shaped error as the whole response.
#pragma once

#include <chrono>
#include <optional>

#include "gateway/base/openai_error.hpp"
#include "gateway/http/exchange.hpp"

namespace keygate {

// With a retry hint, both retry-after (whole seconds, rounded up) and retry-after-ms are set.
task<void> respond_error(exchange& ex, const openai_error& error,
                         std::optional<std::chrono::milliseconds> retry_after = std::nullopt);
// The same with a body already in another API's error shape (the front doors').
task<void> respond_error_body(exchange& ex, int status, std::string body,
                              std::optional<std::chrono::milliseconds> retry_after = std::nullopt);

}  // namespace keygate
