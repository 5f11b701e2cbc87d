// The limiter whose counters live in Redis, so that every instance sharing it enforces one limit.
// One per worker, on the worker's own connection. Redis unreachable: each admission fails fast
// and is let through (fail-open) or refused with 503 (fail-closed), with a log line at most once
// a second and a count for the metrics.
#pragma once

#include <atomic>
#include <memory>

#include "gateway/limits/limiter.hpp"
#include "gateway/storage/redis_connection.hpp"

namespace keygate {

class redis_limiter final : public limiter {
 public:
  redis_limiter(net::io_context& io, const redis_options& options);

  task<admission_result> admit(const admission_request& request) override;
  task<void> settle(const settlement& done) override;
  task<headroom_report> headroom(const headroom_query& query) override;

  // Admissions decided without Redis, in every instance of this class.
  static std::uint64_t unavailable_count();

 private:
  task<redis_reply> run_script(std::string_view script, std::vector<std::string> args);

  redis_connection redis_;
  std::string prefix_;
  bool fail_open_;
};

}  // namespace keygate
