// OpenAI's chat completions and models endpoints, with deterministic answers and fault knobs.
#pragma once

#include "fault_knobs.hpp"
#include "gateway/exchange.hpp"

namespace fake {

keygate::task<void> openai_chat(keygate::exchange& ex);
keygate::task<void> openai_models(keygate::exchange& ex);
// "tok0 tok1 ..." up to n tokens: token i of a reply.
std::string token_text(int i);
// OpenAI's error answer for a status (429 with its rate-limit headers).
keygate::task<void> send_openai_error(keygate::exchange& ex, int status, const fault_knobs& knobs);
// A missing key, or the fake's wrong one ("bad-key").
bool openai_unauthorized(const keygate::http_request& req);

}  // namespace fake
