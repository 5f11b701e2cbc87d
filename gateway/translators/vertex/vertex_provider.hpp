// Vertex AI (docs/vertex.md): a deployment's publisher picks the wire, Gemini's or Anthropic's;
// both carry the OAuth2 token vertex_credentials fetches.
#pragma once

#include "gateway/engine/http_provider.hpp"
#include "gateway/translators/vertex/claude_translator.hpp"
#include "gateway/translators/vertex/gemini_translator.hpp"
#include "gateway/translators/vertex/vertex_credentials.hpp"

namespace keygate::vertex {

class vertex_provider final : public provider {
 public:
  vertex_provider() = default;
  task<attempt_result> chat(attempt_call& call) const override;
  task<attempt_result> embed(attempt_call& call) const override;

 private:
  const http_provider& wire_for(const deployment& target) const;

  vertex_credentials credentials_;
  gemini_translator gemini_wire_;
  claude_translator claude_wire_;
  http_provider gemini_{gemini_wire_, credentials_};
  http_provider claude_{claude_wire_, credentials_};
};

}  // namespace keygate::vertex
