#include "gateway/metrics/nano_usd_counter.hpp"

namespace keygate::metrics {

nano_usd_counter::nano_usd_counter(std::string name, std::string help)
    : name_(std::move(name)), help_(std::move(help)) {}

std::atomic<std::int64_t>& nano_usd_counter::add(const prometheus::Labels& labels) {
  std::lock_guard lock(mutex_);
  for (auto& s : series_)
    if (s.labels == labels) return s.nanos;
  return series_.emplace_back(labels).nanos;
}

prometheus::MetricFamily nano_usd_counter::collect() const {
  prometheus::MetricFamily family{name_, help_, prometheus::MetricType::Counter, {}};
  std::lock_guard lock(mutex_);
  for (const auto& s : series_) {
    prometheus::ClientMetric metric;
    for (const auto& [name, value] : s.labels) metric.label.push_back({name, value});
    metric.counter.value = static_cast<double>(s.nanos.load(std::memory_order_relaxed)) / 1e9;
    family.metric.push_back(std::move(metric));
  }
  return family;
}

}  // namespace keygate::metrics
