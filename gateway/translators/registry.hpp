// The implementation of every provider the configuration knows
// (gateway/config/provider_traits.hpp): the program hands provider_for to the routing engine.
#pragma once

#include <string_view>

namespace keygate {

class provider;

// The implementation for a name that find_provider_traits knows; throws std::logic_error for any
// other.
const provider& provider_for(std::string_view name);
// Whether a provider of that name has an implementation.
bool has_provider(std::string_view name);

}  // namespace keygate
