// OpenAI's Responses API (POST /v1/responses), whole and streamed, with deterministic answers, the
// agent script and the fault knobs: what keygate's native Responses attempts talk to.
#pragma once

#include "gateway/http/exchange.hpp"

namespace fake {

keygate::task<void> openai_responses(keygate::exchange& ex);

}  // namespace fake
