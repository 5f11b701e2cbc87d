// A counter of US dollars kept as whole nano-dollars, the ledger's unit, and divided once when
// scraped: however many requests add to it, it stays equal to the ledger's sum (a double counter
// would drift by a rounding error at each addition).
#pragma once

#include <prometheus/labels.h>
#include <prometheus/metric_family.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

namespace keygate::metrics {

class nano_usd_counter {
 public:
  nano_usd_counter(std::string name, std::string help);

  // The series with these labels, made on first use; it lives as long as the counter.
  std::atomic<std::int64_t>& add(const prometheus::Labels& labels);
  prometheus::MetricFamily collect() const;

 private:
  struct series {
    explicit series(const prometheus::Labels& l) : labels(l) {}
    prometheus::Labels labels;
    std::atomic<std::int64_t> nanos{0};
  };
  std::string name_;
  std::string help_;
  mutable std::mutex mutex_;
  std::deque<series> series_;  // a deque: adding never moves the others
};

}  // namespace keygate::metrics
