// Google's Vertex AI (POST
// /v1/projects/{p}/locations/{l}/publishers/{publisher}/models/{m}:{method}, v1beta1 too): Gemini's
// generateContent and streamGenerateContent, and Anthropic's rawPredict and streamRawPredict, for
// requests that carry a token the fake's /token endpoint issued.
#pragma once

#include <string_view>

#include "gateway/http/exchange.hpp"

namespace fake {

bool is_vertex_path(std::string_view path);
keygate::task<void> vertex_predict(keygate::exchange& ex);
// GET /fake/vertex: {"last_path": the last Vertex request's path, "token_exchanges": N}.
// POST /fake/vertex?revoke=1 revokes every token issued; ?token_lifetime=N sets the lifetime (in
// seconds) of tokens issued from now on.
keygate::task<void> vertex_control(keygate::exchange& ex);

}  // namespace fake
