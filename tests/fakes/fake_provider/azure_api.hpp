// Azure OpenAI (docs/passthrough.md#azure-openai): deployment URLs
// /openai/deployments/{deployment}/{chat/completions, embeddings}?api-version=... and the v1 API
// /openai/v1/{chat/completions,embeddings}, served by the OpenAI handlers with Azure's keys, errors
// and content filter results.
#pragma once

#include "gateway/http/exchange.hpp"

namespace fake {

// Every path under /openai/.
keygate::task<void> azure_openai(keygate::exchange& ex);

}  // namespace fake
