// Anthropic prompt caching placed by keygate (`auto_cache: true`, docs/anthropic.md#automatic-
// prompt-caching): cache_control breakpoints on the long stable prefix of a Messages body, so a
// long conversation pays cache-read prices instead of full input prices. Where they go is decided
// once for Anthropic and Bedrock (translators/common/prompt_cache_plan.hpp).
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

namespace keygate::anthropic {

// Marks the pieces prompt_cache::choose_breakpoints picks: the last tool, the last system block,
// the last block of the user turn before the last message and the last block of the last message.
// A body that already has a breakpoint is the client's to manage and is left alone. Text content
// given as a string becomes one text block where a breakpoint goes. Returns how many breakpoints
// were placed.
int place_cache_breakpoints(boost::json::object& body, std::string_view model);

}  // namespace keygate::anthropic
