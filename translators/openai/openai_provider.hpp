// OpenAI and OpenAI-compatible upstreams: the passthrough path. The client's body goes up with only
// the model (and include_usage) changed; answers come back byte for byte.
#pragma once

#include "translators/provider.hpp"

namespace keygate {

class openai_provider final : public provider {
 public:
  task<attempt_result> chat(chat_call& call) const override;
};

}  // namespace keygate
