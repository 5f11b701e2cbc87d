// Google's Gemini API (POST /v1beta/models/{model}:generateContent and
// :streamGenerateContent), with deterministic answers and the fault knobs.
#pragma once

#include "gateway/http/exchange.hpp"

namespace fake {

keygate::task<void> gemini_generate(keygate::exchange& ex);
// The same for a model and method read elsewhere (Vertex AI's paths), with or without the API key
// check.
keygate::task<void> gemini_generate_for(keygate::exchange& ex, const std::string& model,
                                        const std::string& method, bool check_api_key);

}  // namespace fake
