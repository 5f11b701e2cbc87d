// Embeddings: OpenAI's POST /v1/embeddings (and Azure's) and Gemini's POST
// /v1beta/models/{model}:batchEmbedContents, with deterministic vectors and the fault knobs.
#pragma once

#include "gateway/http/exchange.hpp"
#include "openai_api.hpp"

namespace fake {

keygate::task<void> openai_embeddings(keygate::exchange& ex);
// The same for another OpenAI-shaped API (Azure's; openai_flavor::content_filters is not used).
keygate::task<void> openai_embeddings(keygate::exchange& ex, const openai_flavor& flavor);
keygate::task<void> gemini_batch_embed(keygate::exchange& ex);

}  // namespace fake
