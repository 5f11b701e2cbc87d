#include "gateway/accounting/deployment_price.hpp"

#include "gateway/accounting/price_table.hpp"

namespace keygate {

namespace {

const token_prices* search_price_tables(const deployment& d, const price_table* overrides) {
  if (overrides)
    if (const auto* found = overrides->find(d.provider, d.model)) return found;
  return price_table::builtin().find(d.provider, d.model);
}

}  // namespace

const token_prices* price_for(const deployment& d) {
  if (d.price) return &*d.price;
  const price_table* overrides = price_table::overrides();
  if (auto kept = d.found_price.find(overrides)) return *kept;
  const token_prices* found = search_price_tables(d, overrides);
  d.found_price.keep(overrides, found);
  return found;
}

}  // namespace keygate
