// OpenAI's endpoints beyond chat and embeddings, and Cohere's rerank, in the providers' own shapes
// with the fault knobs (docs/fake-provider.md, "Endpoints"): legacy completions (whole and
// streamed), image generation (url or b64_json), speech (audio bytes streamed in chunks),
// transcription and translation (multipart uploads; json, verbose_json with its duration, text),
// and rerank (Cohere's v2 answer with its billed search units).
#pragma once

#include <string_view>

#include "gateway/http/exchange.hpp"

namespace fake {

keygate::task<void> openai_completions(keygate::exchange& ex);
keygate::task<void> openai_images(keygate::exchange& ex);
keygate::task<void> openai_speech(keygate::exchange& ex);
// `translate`: /audio/translations (English text, no language).
keygate::task<void> openai_transcription(keygate::exchange& ex, bool translate);
keygate::task<void> cohere_rerank(keygate::exchange& ex);

// Routes one of the paths above (after /v1, or an Azure deployment path's operation); false when
// the path is none of them.
bool is_endpoint_path(std::string_view operation);
keygate::task<void> serve_endpoint(keygate::exchange& ex, std::string_view operation);

// The bytes the fake "speaks" for a text: a short ID3-tagged stream, 64 bytes a character.
std::size_t speech_bytes_for(std::size_t characters);

}  // namespace fake
