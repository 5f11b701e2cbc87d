// The requests of the endpoints that have no canonical form (legacy completions, rerank, images,
// speech), read once: what keygate routes, checks and bills on, and where the model sits in the
// client's bytes so the upstream body is those bytes with only the model changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "gateway/base/openai_error.hpp"
#include "gateway/canonical/canonical_request.hpp"

namespace keygate {

struct endpoint_request {
  // The body, the model and its span, stream and stream_options, max_tokens, temperature, user.
  canonical_request common;
  std::int64_t items = 0;       // images to make (n), documents to rerank
  std::int64_t characters = 0;  // speech: the characters of `input`, which are billed
  std::string response_format;  // images and speech; "" when not given
};

// POST /v1/completions: `model` and `prompt` required; stream and stream_options as for chat.
std::optional<openai_error> parse_completions_request(std::string& body, endpoint_request& out);
// POST /v1/rerank: Cohere's v2 shape; `model`, a non-empty `query`, non-empty `documents`,
// a positive `top_n` when given; never a stream.
std::optional<openai_error> parse_rerank_request(std::string& body, endpoint_request& out);
// POST /v1/images/generations: `model` and `prompt` required, `n` from 1 to 10, `response_format`
// url or b64_json; streamed generation is refused.
std::optional<openai_error> parse_image_request(std::string& body, endpoint_request& out);
// POST /v1/audio/speech: `model`, `input` and `voice` required.
std::optional<openai_error> parse_speech_request(std::string& body, endpoint_request& out);

// Unicode characters (code points) of a UTF-8 text.
std::int64_t count_characters(std::string_view text);

}  // namespace keygate
