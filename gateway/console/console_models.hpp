// GET /console/models: the model groups of the routing table in force that the caller may use,
// sorted by name, with their providers, deployment count, price and abilities.
#pragma once

#include <boost/json/array.hpp>

#include "gateway/access/authenticate.hpp"
#include "gateway/config/config.hpp"

namespace keygate::console {

boost::json::array console_models(const config& cfg, const caller& who);

}  // namespace keygate::console
