// Strict deployments (`strict: true`, docs/mapping.md#unsupported-parameters): what a translator
// would drop is refused instead, before anything goes upstream, so a client never gets an answer to
// less than it asked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gateway/base/openai_error.hpp"
#include "gateway/config/config.hpp"

namespace keygate {

// The 400 for a strict deployment whose translator dropped parameters: `param` is the first one
// (as the translator lists them), the message names them all. Nothing when the deployment is not
// strict or nothing was dropped.
std::optional<openai_error> strict_refusal(const deployment& target,
                                           const std::vector<std::string>& dropped);

}  // namespace keygate
