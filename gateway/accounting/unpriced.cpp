#include "gateway/accounting/unpriced.hpp"

#include "gateway/accounting/deployment_price.hpp"

namespace keygate {

bool closed_to_budgets(const deployment& d) {
  return !d.allow_unpriced && !price_for(d);
}

std::vector<const deployment*> unpriced_deployments(const config& cfg) {
  std::vector<const deployment*> out;
  for (const auto& group : cfg.models)
    for (const auto& d : group.deployments)
      if (closed_to_budgets(d)) out.push_back(&d);
  return out;
}

std::string unpriced_warning(const deployment& d) {
  return d.id + " (provider " + d.provider + ", model " + d.model +
         ") has no known price: keys and teams with a budget are refused it (model_unpriced); "
         "give it a price: or allow_unpriced: true";
}

}  // namespace keygate
