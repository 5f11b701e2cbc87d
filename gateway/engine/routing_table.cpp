#include "gateway/engine/routing_table.hpp"

namespace keygate {

routing_table::routing_table(std::shared_ptr<const config> cfg, health_registry& health,
                             provider_lookup providers)
    : cfg_(std::move(cfg)) {
  groups_.reserve(cfg_->models.size());  // fallbacks point into this vector: it must not move
  for (const auto& group : cfg_->models) {
    routed_group routed{&group, {}, {}, {}, {}};
    for (const auto& d : group.deployments)
      routed.deployments.push_back(
          {&d, health.get(d, cfg_->router.cooldown), &providers(d.provider)});
    groups_.push_back(std::move(routed));
  }
  auto resolve = [this](const std::vector<std::string>& names) {
    std::vector<const routed_group*> out;
    for (const auto& name : names)
      if (const auto* g = find(name)) out.push_back(g);
    return out;
  };
  for (auto& g : groups_) {
    g.fallbacks = resolve(g.config->fallbacks);
    g.context_window_fallbacks = resolve(g.config->context_window_fallbacks);
    g.content_policy_fallbacks = resolve(g.config->content_policy_fallbacks);
  }
}

const routed_group* routing_table::find(std::string_view model) const {
  for (const auto& g : groups_)
    if (g.config->name == model) return &g;
  return nullptr;
}

}  // namespace keygate
