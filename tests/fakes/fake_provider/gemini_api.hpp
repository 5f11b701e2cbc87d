// Google's Gemini API (POST /v1beta/models/{model}:generateContent and
// :streamGenerateContent), with deterministic answers and the fault knobs.
#pragma once

#include "gateway/http/exchange.hpp"

namespace fake {

keygate::task<void> gemini_generate(keygate::exchange& ex);

}  // namespace fake
