#include "gateway/accounting/deployment_price.hpp"

#include "gateway/accounting/price_table.hpp"

namespace keygate {

const token_prices* price_for(const deployment& d) {
  if (d.price) return &*d.price;
  if (const auto* overrides = price_table::overrides())
    if (const auto* found = overrides->find(d.provider, d.model)) return found;
  return price_table::builtin().find(d.provider, d.model);
}

}  // namespace keygate
