// Embeddings: OpenAI's POST /v1/embeddings and Gemini's POST
// /v1beta/models/{model}:batchEmbedContents, with deterministic vectors and the fault knobs.
#pragma once

#include "gateway/exchange.hpp"

namespace fake {

keygate::task<void> openai_embeddings(keygate::exchange& ex);
keygate::task<void> gemini_batch_embed(keygate::exchange& ex);

}  // namespace fake
