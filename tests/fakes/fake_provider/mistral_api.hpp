// Mistral's API in the fake, under the path prefix /mistral (a deployment's api_base is
// http://<fake>/mistral/v1): POST /mistral/v1/chat/completions and /mistral/v1/embeddings, with
// Mistral's validation, answers, errors and rate-limit headers, under the same fault knobs.
#pragma once

#include "gateway/http/exchange.hpp"

namespace fake {

inline constexpr std::string_view mistral_prefix = "/mistral/v1";

keygate::task<void> mistral_chat(keygate::exchange& ex);
keygate::task<void> mistral_embeddings(keygate::exchange& ex);

}  // namespace fake
