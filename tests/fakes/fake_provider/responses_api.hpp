// OpenAI's Responses API (POST /v1/responses), whole and streamed, with deterministic answers, the
// agent script and the fault knobs: what keygate's native Responses attempts talk to.
#pragma once

#include "gateway/http/exchange.hpp"

namespace fake {

// `check_bearer_key`: false behind Azure's paths, which check Azure's own key first.
keygate::task<void> openai_responses(keygate::exchange& ex, bool check_bearer_key = true);

}  // namespace fake
