// Ollama's native API (POST /api/chat, POST /api/embed, GET /api/tags), with deterministic
// answers, Ollama's {"error":"..."} bodies and the fault knobs.
#pragma once

#include "gateway/http/exchange.hpp"

namespace fake {

keygate::task<void> ollama_chat(keygate::exchange& ex);
keygate::task<void> ollama_embed(keygate::exchange& ex);
keygate::task<void> ollama_tags(keygate::exchange& ex);

}  // namespace fake
