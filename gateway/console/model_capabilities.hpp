// What the console may offer with a model group: images (vision), reasoning, embeddings. The
// configuration says only `reasoning:`; the rest is read from the upstream models' names, which
// name these abilities in every provider's catalogue keygate knows (docs/console-api.md).
#pragma once

#include "gateway/config/config.hpp"

namespace keygate::console {

struct model_capabilities {
  bool vision = false;
  bool reasoning = false;
  bool embeddings = false;
};

model_capabilities capabilities_of(const model_group& group);

}  // namespace keygate::console
