#include "gateway/engine/deployment_health.hpp"

namespace keygate {

namespace {

// The identity of a deployment across reloads: where it sends requests and as what.
std::string identity(const deployment& d) {
  return d.id + '\n' + d.provider + '\n' + d.api_base + '\n' + d.model + '\n' +
         std::to_string(std::hash<std::string>{}(d.api_key + '\n' + d.aws.region + '\n' +
                                                 d.aws.access_key_id + '\n' +
                                                 d.aws.secret_access_key));
}

}  // namespace

bool deployment_health::try_admit(clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (!benched_) return true;
  if (now < cooldown_until_ || probe_in_flight_) return false;
  probe_in_flight_ = true;
  return true;
}

void deployment_health::on_success(std::chrono::microseconds time_to_first_byte) {
  {
    std::lock_guard lock(mutex_);
    benched_ = false;
    probe_in_flight_ = false;
    failures_.clear();
  }
  // Exponential moving average with weight 1/8: smooth, and a change shows within a few requests.
  const auto sample = time_to_first_byte.count();
  auto average = ttfb_average_us.load(std::memory_order_relaxed);
  const auto next = average < 0 ? sample : average + (sample - average) / 8;
  ttfb_average_us.store(next, std::memory_order_relaxed);
}

void deployment_health::on_failure(clock::time_point now, bool permanent) {
  std::lock_guard lock(mutex_);
  prune(now);
  failures_.push_back(now);
  const bool probe_failed = probe_in_flight_;
  probe_in_flight_ = false;
  if (permanent || probe_failed || static_cast<int>(failures_.size()) >= options_.failures) {
    benched_ = true;
    cooldown_until_ = now + options_.period;
    cooldowns.fetch_add(1, std::memory_order_relaxed);
  }
}

void deployment_health::on_abandoned() {
  std::lock_guard lock(mutex_);
  probe_in_flight_ = false;
}

void deployment_health::prune(clock::time_point now) const {
  while (!failures_.empty() && failures_.front() < now - options_.window) failures_.pop_front();
}

deployment_health::state deployment_health::current_state(clock::time_point now) const {
  std::lock_guard lock(mutex_);
  if (!benched_) return state::healthy;
  if (probe_in_flight_) return state::probing;
  return now < cooldown_until_ ? state::cooling_down : state::probing;
}

int deployment_health::failures_in_window(clock::time_point now) const {
  std::lock_guard lock(mutex_);
  prune(now);
  return static_cast<int>(failures_.size());
}

deployment_health::clock::duration deployment_health::cooldown_remaining(
    clock::time_point now) const {
  std::lock_guard lock(mutex_);
  if (!benched_ || now >= cooldown_until_) return clock::duration::zero();
  return cooldown_until_ - now;
}

std::shared_ptr<deployment_health> health_registry::get(const deployment& d,
                                                        const cooldown_options& options) {
  std::lock_guard lock(mutex_);
  auto& record = records_[identity(d)];
  if (!record) record = std::make_shared<deployment_health>(options);
  return record;
}

std::string_view to_string(deployment_health::state s) {
  switch (s) {
    case deployment_health::state::healthy:
      return "healthy";
    case deployment_health::state::cooling_down:
      return "cooling_down";
    case deployment_health::state::probing:
      return "probing";
  }
  return "unknown";
}

}  // namespace keygate
