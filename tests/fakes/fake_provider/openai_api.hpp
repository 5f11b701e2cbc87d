// OpenAI's chat completions and models endpoints, with deterministic answers and fault knobs.
#pragma once

#include "gateway/exchange.hpp"

namespace fake {

keygate::task<void> openai_chat(keygate::exchange& ex);
keygate::task<void> openai_models(keygate::exchange& ex);
// "tok0 tok1 ..." up to n tokens: token i of a reply.
std::string token_text(int i);

}  // namespace fake
