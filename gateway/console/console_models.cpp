#include "gateway/console/console_models.hpp"

#include <algorithm>

#include "gateway/accounting/deployment_price.hpp"
#include "gateway/console/model_capabilities.hpp"

namespace keygate::console {

namespace {

// The priciest deployment's prices (what a budget reserves against); null when none has one.
boost::json::value price_of(const model_group& group) {
  const token_prices* priciest = nullptr;
  for (const auto& d : group.deployments) {
    const token_prices* p = price_for(d);
    if (p && (!priciest || p->input + p->output > priciest->input + priciest->output)) priciest = p;
  }
  if (!priciest) return nullptr;
  boost::json::object price{{"input_per_million", priciest->input},
                            {"output_per_million", priciest->output}};
  if (priciest->cached_input)
    price["cached_input_per_million"] = *priciest->cached_input;
  else
    price["cached_input_per_million"] = nullptr;
  return price;
}

}  // namespace

boost::json::array console_models(const config& cfg, const caller& who) {
  std::vector<const model_group*> groups;
  for (const auto& group : cfg.models)
    if (who.allows(group.name)) groups.push_back(&group);
  std::sort(groups.begin(), groups.end(),
            [](const model_group* a, const model_group* b) { return a->name < b->name; });
  boost::json::array out;
  for (const auto* group : groups) {
    boost::json::array providers;
    for (const auto& d : group->deployments)
      if (std::find(providers.begin(), providers.end(), boost::json::value(d.provider)) ==
          providers.end())
        providers.emplace_back(d.provider);
    const auto abilities = capabilities_of(*group);
    out.push_back({{"id", group->name},
                   {"providers", std::move(providers)},
                   {"deployments", group->deployments.size()},
                   {"price", price_of(*group)},
                   {"vision", abilities.vision},
                   {"reasoning", abilities.reasoning},
                   {"embeddings", abilities.embeddings}});
  }
  return out;
}

}  // namespace keygate::console
