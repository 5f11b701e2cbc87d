// Anthropic's Messages API (POST /v1/messages), with deterministic answers and the fault knobs.
#pragma once

#include "gateway/http/exchange.hpp"

namespace fake {

keygate::task<void> anthropic_messages(keygate::exchange& ex);

}  // namespace fake
