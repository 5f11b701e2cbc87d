// `keygate prices import FILE [--out PATH]` (docs/pricing.md#importing-a-price-list), and the
// override file a config names loaded at startup.
#pragma once

#include "gateway/config/config.hpp"

namespace keygate {

int run_prices_command(int argc, char** argv);

// Loads cfg.prices_file, if any, as the price overrides; false (with the problems on stderr) when
// it cannot be read.
bool load_price_overrides(const config& cfg);

}  // namespace keygate
