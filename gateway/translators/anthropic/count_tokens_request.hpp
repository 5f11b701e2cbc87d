// Anthropic's own token count: POST {api_base}/messages/count_tokens with the client's body (only
// the model changed) and its anthropic-version and anthropic-beta headers, as a native Messages
// attempt sends them.
#pragma once

#include "gateway/canonical/client_dialect.hpp"
#include "gateway/config/config.hpp"
#include "gateway/upstream/upstream_client.hpp"

namespace keygate::anthropic {

upstream_request count_tokens_request(const deployment& target, const client_body& client);

}  // namespace keygate::anthropic
