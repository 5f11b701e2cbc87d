// The built-in `mock` provider: answers in-process, so a fresh install works with no keys at all.
// It replies with the configured text, or echoes the last user message, word by word; it embeds
// deterministically.
#pragma once

#include "gateway/engine/provider.hpp"

namespace keygate {

class mock_provider final : public provider {
 public:
  task<attempt_result> chat(attempt_call& call) const override;
  // Unit vectors from a hash of each input: 8 dimensions, or the request's `dimensions`.
  task<attempt_result> embed(attempt_call& call) const override;
};

}  // namespace keygate
