// What the router knows about each deployment at run time: requests in flight, time to first
// token, recent failures and cooldown. Shared by every worker thread, and kept apart from the
// configuration so that a reload can carry it over for deployments that did not change.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "gateway/config/config.hpp"

namespace keygate {

class deployment_health {
 public:
  using clock = std::chrono::steady_clock;
  enum class state { healthy, cooling_down, probing };

  explicit deployment_health(cooldown_options options) : options_(options) {}

  // Whether a request may go here now. After a cooldown, exactly one caller gets true (the probe)
  // until that probe reports back.
  bool try_admit(clock::time_point now);
  void on_success(std::chrono::microseconds time_to_first_byte);
  // A permanent failure (bad key, unknown model) benches the deployment at once.
  void on_failure(clock::time_point now, bool permanent);
  // An admitted request that ended without telling anything about the deployment (the client left).
  void on_abandoned();

  state current_state(clock::time_point now) const;
  int failures_in_window(clock::time_point now) const;
  clock::duration cooldown_remaining(clock::time_point now) const;

  std::atomic<int> in_flight{0};
  // Moving average of time to first byte, in microseconds; negative until measured.
  std::atomic<std::int64_t> ttfb_average_us{-1};
  // Times this deployment was benched (sent into a cooldown), for the metrics.
  std::atomic<std::int64_t> cooldowns{0};

 private:
  void prune(clock::time_point now) const;

  cooldown_options options_;
  mutable std::mutex mutex_;
  mutable std::deque<clock::time_point> failures_;
  clock::time_point cooldown_until_{};
  bool benched_ = false;
  bool probe_in_flight_ = false;
};

// Health records by deployment identity. A config reload asks again for every deployment and gets
// the same record back when the deployment is unchanged.
class health_registry {
 public:
  std::shared_ptr<deployment_health> get(const deployment& d, const cooldown_options& options);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<deployment_health>> records_;
};

std::string_view to_string(deployment_health::state s);

}  // namespace keygate
