// A client's body with only its model value replaced: what a native attempt sends upstream.
#pragma once

#include <string>
#include <string_view>

#include "gateway/canonical/canonical_request.hpp"

namespace keygate {

std::string with_model(std::string_view body, byte_span model_value, std::string_view model);

}  // namespace keygate
