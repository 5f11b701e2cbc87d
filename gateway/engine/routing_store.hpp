// The routing table in force, replaced whole on a configuration reload. A request takes the table
// once, at its start, and keeps it to its end: in-flight requests finish on the configuration they
// started with while new ones see the new one. Deployment health carries over through the registry.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gateway/base/shared_snapshot.hpp"
#include "gateway/engine/deployment_health.hpp"
#include "gateway/engine/routing_table.hpp"

namespace keygate {

class routing_store {
 public:
  // `adjust` is applied to every configuration read (command-line overrides such as --port).
  routing_store(std::shared_ptr<const config> initial, health_registry& health,
                provider_lookup providers, std::function<void(config&)> adjust = {});

  std::shared_ptr<const routing_table> current() const { return table_.load(); }

  struct reload_result {
    bool applied = false;
    std::vector<std::string> problems;        // why the new file was refused
    std::vector<std::string> restart_needed;  // settings that only a restart applies
  };
  // Reads the file again. A file with any problem is refused whole and the running table stays.
  reload_result reload(const std::string& path);

  long reloads() const { return reloads_.load(); }
  long failed_reloads() const { return failed_reloads_.load(); }

 private:
  health_registry& health_;
  provider_lookup providers_;
  std::function<void(config&)> adjust_;
  shared_snapshot<const routing_table> table_;
  std::atomic<long> reloads_{0};
  std::atomic<long> failed_reloads_{0};
};

}  // namespace keygate
