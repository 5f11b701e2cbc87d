// Where "model" sits in a client's JSON body, so a native attempt can change only that value.
#pragma once

#include <optional>
#include <string>

#include "gateway/canonical/canonical_request.hpp"

namespace keygate::doors {

// The span of the top-level "model" string token, quotes included; nullopt when there is none.
// `body` gets spare capacity for the parser's padding.
std::optional<byte_span> find_model_value(std::string& body);

}  // namespace keygate::doors
