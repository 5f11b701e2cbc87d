// The limiter for one instance: every counter in this process, shared by all worker threads.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "gateway/limits/limiter.hpp"

namespace keygate {

class local_limiter final : public limiter {
 public:
  using clock_fn = std::function<std::int64_t()>;  // milliseconds, monotonic
  explicit local_limiter(clock_fn now = {});

  task<admission_result> admit(const admission_request& request) override;
  task<void> settle(const settlement& done) override;
  task<headroom_report> headroom(const headroom_query& query) override;

  // Synchronous forms (what the coroutines do), for tests and startup.
  admission_result admit_now(const admission_request& request);
  void settle_now(const settlement& done);
  headroom_report headroom_now(const headroom_query& query) const;
  // Spend already made in a budget's period (restored from the ledger after a restart).
  void add_spent(const std::string& budget_id, std::int64_t nanos);
  std::int64_t spent(const std::string& budget_id) const;

 private:
  struct bucket {
    double level = 0;
    std::int64_t at_ms = 0;
  };
  struct budget_state {
    std::int64_t spent = 0;
    std::int64_t reserved = 0;
    std::string edge;  // the request admitted past the reservations, if any
  };

  bucket& refill(const rate_take& take, std::int64_t now);

  clock_fn now_;
  mutable std::mutex mutex_;
  std::map<std::string, bucket, std::less<>> buckets_;
  std::map<std::string, std::int64_t, std::less<>> parallel_;
  std::map<std::string, budget_state, std::less<>> budgets_;
  std::map<std::string, std::map<std::string, std::int64_t>, std::less<>> reservations_;
};

// When a bucket of `per_minute` at `level` is full again, and how long until `amount` fits.
std::int64_t bucket_reset_ms(double level, std::int64_t per_minute);
std::int64_t bucket_wait_ms(double level, std::int64_t amount, std::int64_t per_minute);

}  // namespace keygate
