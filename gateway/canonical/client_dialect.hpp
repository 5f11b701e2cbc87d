// The APIs clients speak to keygate (its front doors), and the client's request in its own
// dialect: a deployment whose provider speaks that dialect natively takes it as it is, with only
// the model changed, instead of the canonical (OpenAI chat) request.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gateway/base/usage.hpp"
#include "gateway/canonical/canonical_request.hpp"

namespace keygate {

enum class client_dialect {
  openai_chat,         // POST /v1/chat/completions: the canonical form itself
  openai_embeddings,   // POST /v1/embeddings
  anthropic_messages,  // POST /v1/messages
  openai_responses,    // POST /v1/responses
  // The endpoints below have no canonical form: only a provider that speaks them natively serves
  // them (docs/endpoints.md), and any other deployment answers a 400.
  openai_completions,     // POST /v1/completions (legacy completions)
  cohere_rerank,          // POST /v1/rerank (Cohere's rerank v2)
  openai_images,          // POST /v1/images/generations
  openai_speech,          // POST /v1/audio/speech
  openai_transcriptions,  // POST /v1/audio/transcriptions (multipart)
  openai_translations,    // POST /v1/audio/translations (multipart)
};

// Whether the dialect reads into the canonical request, so any provider can be asked.
constexpr bool has_canonical_form(client_dialect dialect) {
  return dialect == client_dialect::openai_chat || dialect == client_dialect::openai_embeddings ||
         dialect == client_dialect::anthropic_messages ||
         dialect == client_dialect::openai_responses;
}

// What the endpoint bills besides tokens (docs/pricing.md); none for the token-billed ones.
constexpr usage_unit billed_unit(client_dialect dialect) {
  switch (dialect) {
    case client_dialect::cohere_rerank:
      return usage_unit::search_units;
    case client_dialect::openai_images:
      return usage_unit::images;
    case client_dialect::openai_speech:
      return usage_unit::characters;
    case client_dialect::openai_transcriptions:
    case client_dialect::openai_translations:
      return usage_unit::audio_seconds;
    default:
      return usage_unit::none;
  }
}

// The endpoint's path as clients call it, for errors that name it.
constexpr std::string_view endpoint_path(client_dialect dialect) {
  switch (dialect) {
    case client_dialect::openai_completions:
      return "/v1/completions";
    case client_dialect::cohere_rerank:
      return "/v1/rerank";
    case client_dialect::openai_images:
      return "/v1/images/generations";
    case client_dialect::openai_speech:
      return "/v1/audio/speech";
    case client_dialect::openai_transcriptions:
      return "/v1/audio/transcriptions";
    case client_dialect::openai_translations:
      return "/v1/audio/translations";
    case client_dialect::openai_embeddings:
      return "/v1/embeddings";
    case client_dialect::anthropic_messages:
      return "/v1/messages";
    case client_dialect::openai_responses:
      return "/v1/responses";
    default:
      return "/v1/chat/completions";
  }
}

struct client_body {
  client_dialect dialect = client_dialect::openai_chat;
  // What goes upstream on a native attempt: the client's bytes, or the door's rewrite of them
  // (a Responses request continued from a stored one carries the whole conversation).
  std::string_view body;
  byte_span model_value;  // the JSON string token of "model" in `body`, quotes included
  bool stream = false;
  // Client headers a native upstream should see as they are (anthropic-version, anthropic-beta).
  std::vector<std::pair<std::string, std::string>> forward_headers;
  // What the canonical request leaves out of the client's (a document block, a server tool),
  // named as x-keygate-dropped-params names it: a translated attempt drops these (or refuses them
  // on a strict deployment), a native one sends them.
  std::vector<std::string> dropped;
  // The stored response a Responses request continues (empty for a new conversation): a native
  // upstream never sees it, so keygate writes it back into the upstream's Response.
  std::string previous_response_id;
  // A multipart upload's content type (its boundary), for the endpoints that take files.
  std::string content_type;
  // The billed units the request itself tells, in billed_unit(dialect): the characters to speak and
  // the seconds of a WAV upload, which the answer is billed by when it says nothing itself; the
  // images asked for and the searches a rerank makes, which only bound its reservation. 0 when the
  // request does not tell.
  double request_units = 0;
};

}  // namespace keygate
