// The configuration joined with run-time state, ready for the router: each group's deployments
// with their health records and provider implementations, and fallbacks resolved to groups.
// Built once per configuration; read-only and shared by every worker.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "gateway/config/config.hpp"
#include "gateway/engine/deployment_health.hpp"

namespace keygate {

class provider;

// The implementation of a provider named in the configuration (the program passes the
// translators' registry; tests may pass their own).
using provider_lookup = const provider& (*)(std::string_view name);

struct routed_deployment {
  const deployment* config = nullptr;
  std::shared_ptr<deployment_health> health;
  const provider* implementation = nullptr;
};

struct routed_group {
  const model_group* config = nullptr;
  std::vector<routed_deployment> deployments;
  std::vector<const routed_group*> fallbacks;
  std::vector<const routed_group*> context_window_fallbacks;
  std::vector<const routed_group*> content_policy_fallbacks;
};

class routing_table {
 public:
  routing_table(std::shared_ptr<const config> cfg, health_registry& health,
                provider_lookup providers);
  routing_table(const routing_table&) = delete;
  routing_table& operator=(const routing_table&) = delete;

  const config& cfg() const { return *cfg_; }
  const routed_group* find(std::string_view model) const;
  const std::vector<routed_group>& groups() const { return groups_; }

 private:
  std::shared_ptr<const config> cfg_;
  std::vector<routed_group> groups_;
};

}  // namespace keygate
