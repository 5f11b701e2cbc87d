// Anthropic prompt caching placed by keygate (`auto_cache: true`, docs/anthropic.md#automatic-
// prompt-caching): cache_control breakpoints on the long stable prefix of a Messages body, so a
// long conversation pays cache-read prices instead of full input prices.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string_view>

namespace keygate::anthropic {

// Anthropic takes at most four breakpoints in one request.
inline constexpr int max_cache_breakpoints = 4;

// The shortest prefix Anthropic caches for `model`, in tokens: 4096 for Opus 4.5 and Haiku 4.5,
// 2048 for older Haiku models, 1024 for the others.
std::int64_t min_cacheable_tokens(std::string_view model);

// Marks, where the prompt up to that point is long enough to be cached: the last tool, the last
// system block, the last block of the user turn before the last message (what the previous
// request wrote, read now) and the last block of the last message (written now, read by the next
// turn). A body that already has a breakpoint is the client's to manage and is left alone. Text
// content given as a string becomes one text block where a breakpoint goes. Returns how many
// breakpoints were placed.
int place_cache_breakpoints(boost::json::object& body, std::string_view model);

}  // namespace keygate::anthropic
