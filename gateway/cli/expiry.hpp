// The `--expires` value of `keygate keys create`: a date, a UTC time, or a span from now.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace keygate::cli {

// "2026-12-31" (UTC midnight), "2026-12-31T18:00:00Z", "30d", "12h", "90m", or unix milliseconds.
// Returns unix milliseconds, or nothing when the text is none of these.
std::optional<std::int64_t> parse_expiry(std::string_view text, std::int64_t now_ms);

// "2026-12-31 18:00Z", for tables.
std::string format_utc_minute(std::int64_t unix_ms);

}  // namespace keygate::cli
