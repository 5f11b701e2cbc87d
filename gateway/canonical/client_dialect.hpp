// The APIs clients speak to keygate (its front doors), and the client's request in its own
// dialect: a deployment whose provider speaks that dialect natively takes it as it is, with only
// the model changed, instead of the canonical (OpenAI chat) request.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gateway/canonical/canonical_request.hpp"

namespace keygate {

enum class client_dialect {
  openai_chat,         // POST /v1/chat/completions: the canonical form itself
  openai_embeddings,   // POST /v1/embeddings
  anthropic_messages,  // POST /v1/messages
  openai_responses,    // POST /v1/responses
};

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
};

}  // namespace keygate
