// `keygate prices import FILE [--out PATH]` (docs/pricing.md#importing-a-price-list), and the
// override file a config names, loaded at startup and again by a reload that changed it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "gateway/accounting/price_table.hpp"
#include "gateway/config/config.hpp"

namespace keygate {

int run_prices_command(int argc, char** argv);

// Loads cfg.prices_file, if any, as the price overrides; false (with the problems on stderr) when
// it cannot be read.
bool load_price_overrides(const config& cfg);

// The override file across reloads: check() reads a new configuration's file and throws
// config_error with its problems (which refuses the reload); apply(), once the reload has been
// applied, installs what check() read when the file changed since the last load.
class price_overrides_reload {
 public:
  explicit price_overrides_reload(const config& started_with);
  void check(const config& next);
  void apply();

 private:
  std::string loaded_path_, loaded_text_;
  std::string checked_path_, checked_text_;
  std::optional<std::shared_ptr<const price_table>> checked_;  // none: nothing to change
};

}  // namespace keygate
