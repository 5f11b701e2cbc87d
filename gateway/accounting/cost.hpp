// Exact cost of one request from its token counts, in integer nano-USD.
#pragma once

#include <cstdint>
#include <string>

#include "gateway/base/usage.hpp"
#include "gateway/config/token_prices.hpp"

namespace keygate {

// Cost in nano-USD (1e-9 USD), rounded to nearest. usage.prompt includes cached and cache_write
// tokens, usage.completion includes reasoning tokens. Each price is first rounded to a whole
// pico-USD per token (1e-6 USD per million) and the sum is taken in integers, so the result is
// exact and the same everywhere. Negative counts count as zero; the result saturates at INT64_MAX.
std::int64_t cost_nanos(const token_usage& usage, const token_prices& prices);

// "0.000123": USD with up to 9 decimals, trailing zeros trimmed but at least one ("0.0").
std::string format_usd(std::int64_t nanos);

}  // namespace keygate
