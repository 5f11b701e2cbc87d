// Cohere's v2 API in the fake, under the path prefix /cohere (a deployment's api_base is
// http://<fake>/cohere/v2, and Cohere's SDK takes base_url http://<fake>/cohere): POST
// /cohere/v2/chat (streaming when the body says "stream":true) and /cohere/v2/embed, with
// Cohere's checks, answers and errors, under the same fault knobs.
#pragma once

#include "gateway/http/exchange.hpp"

namespace fake {

inline constexpr std::string_view cohere_prefix = "/cohere/v2";

keygate::task<void> cohere_chat(keygate::exchange& ex);
keygate::task<void> cohere_embed(keygate::exchange& ex);

}  // namespace fake
