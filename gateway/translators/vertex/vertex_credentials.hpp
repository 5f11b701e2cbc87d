// The OAuth2 access token on every Vertex AI request (docs/vertex.md#auth): a static token from
// the environment as it is, or a service account's token, exchanged once and shared by every
// worker until shortly before it expires. Tokens survive reloads: they are kept per key.
#pragma once

#include "gateway/engine/upstream_credentials.hpp"

namespace keygate::vertex {

class vertex_credentials final : public upstream_credentials {
 public:
  task<granted_credential> authorize(attempt_call& call, upstream_request& request) const override;
  openai_error refused(const deployment& target, const std::string& credential,
                       openai_error upstream) const override;
};

}  // namespace keygate::vertex
