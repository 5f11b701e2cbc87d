// The routing table in force, replaced whole on a configuration reload. A request takes the table
// once, at its start, and keeps it to its end: in-flight requests finish on the configuration they
// started with while new ones see the new one. Deployment health carries over through the registry.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gateway/deployment_health.hpp"
#include "gateway/routing_table.hpp"

namespace keygate {

class routing_store {
 public:
  // `adjust` is applied to every configuration read (command-line overrides such as --port).
  routing_store(std::shared_ptr<const config> initial, health_registry& health,
                std::function<void(config&)> adjust = {});

  std::shared_ptr<const routing_table> current() const {
    std::lock_guard lock(mutex_);
    return table_;
  }

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
  std::function<void(config&)> adjust_;
  // A mutex, not std::atomic<shared_ptr>: libstdc++ 12's atomic load releases its internal lock
  // with relaxed order, a data race ThreadSanitizer rightly reports against a reload's store. The
  // lock is held for one reference-count increment.
  mutable std::mutex mutex_;
  std::shared_ptr<const routing_table> table_;
  std::atomic<long> reloads_{0};
  std::atomic<long> failed_reloads_{0};
};

}  // namespace keygate
