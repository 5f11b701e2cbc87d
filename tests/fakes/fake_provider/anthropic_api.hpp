// Anthropic's Messages API (POST /v1/messages), with deterministic answers and the fault knobs, and
// its token count.
#pragma once

#include "gateway/http/exchange.hpp"

namespace fake {

keygate::task<void> anthropic_messages(keygate::exchange& ex);
// POST /v1/messages/count_tokens: {"input_tokens": N}, N counted as a message's input_tokens.
keygate::task<void> anthropic_count_tokens(keygate::exchange& ex);

}  // namespace fake
