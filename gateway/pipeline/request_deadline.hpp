// The client's own bound on a whole request, retries included: the x-keygate-timeout header.
#pragma once

#include <chrono>
#include <optional>

#include "gateway/base/openai_error.hpp"
#include "gateway/config/config.hpp"
#include "gateway/http/exchange.hpp"

namespace keygate {

// Sets `out` when the header is there; a 400 when it cannot be read.
std::optional<openai_error> read_deadline(
    const exchange& ex, const config& cfg,
    std::optional<std::chrono::steady_clock::time_point>& out);

}  // namespace keygate
