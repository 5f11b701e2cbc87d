// Admission and settlement against rate limits, concurrency limits and budgets. One request takes
// from several limits at once (its key, the key's team, the key × model pair, a deployment), all
// or nothing. Two implementations keep the same rules: in this process, or in Redis so that
// several instances enforce one limit.
//
// Rates are token buckets that refill `per_minute` evenly over a minute. Budgets reserve a
// request's worst-case cost at admission and replace it with the real cost at settlement; one
// request at a time may be admitted past what the reservations leave (the "edge"), and only while
// the spend and the reservations are still under the limit, so spend can pass the limit by at most
// that one request's cost.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gateway/base/net.hpp"

namespace keygate {

enum class rate_unit { requests, tokens };

struct rate_take {
  std::string id;
  std::int64_t per_minute = 0;
  std::int64_t amount = 0;  // at settlement: the correction, real − estimated (tokens only)
  rate_unit unit = rate_unit::requests;
  bool report = false;  // its state goes into the x-ratelimit-* headers
};

struct parallel_take {
  std::string id;
  std::int64_t max = 0;
};

struct budget_take {
  std::string id;  // includes the period, e.g. "k:key-1:b:2026-11"
  std::int64_t limit_nanos = 0;
  std::int64_t amount_nanos = 0;  // admission: the reservation; settlement: the real cost
  std::int64_t period_end_ms = 0;
};

struct admission_request {
  std::string request_id;
  std::vector<rate_take> rates;
  std::vector<parallel_take> parallel;
  std::vector<budget_take> budgets;
};

enum class refusal { none, requests, tokens, parallel, budget, unavailable };

struct bucket_report {
  std::int64_t limit = 0;
  std::int64_t remaining = 0;
  std::int64_t reset_ms = 0;  // until the bucket is full again
};

struct admission_result {
  refusal refused = refusal::none;
  std::string refused_id;
  std::int64_t retry_after_ms = 0;
  std::optional<bucket_report> requests;
  std::optional<bucket_report> tokens;
  bool degraded = false;  // the shared store was unreachable and the request was let through

  bool admitted() const { return refused == refusal::none; }
};

// What a finished request gives back; built from the admission request and the real usage.
struct settlement {
  std::string request_id;
  std::vector<rate_take> rates;       // tokens buckets, amount = correction
  std::vector<std::string> parallel;  // released
  std::vector<budget_take> budgets;   // amount = the real cost
};

// What some limits could take right now, read without taking anything: per rate, what is left in
// its bucket; per parallel limit, the slots free. In the order asked.
struct headroom_query {
  std::vector<rate_take> rates;  // id and per_minute
  std::vector<parallel_take> parallel;
};
struct headroom_report {
  std::vector<std::int64_t> rates;
  std::vector<std::int64_t> parallel;
};

class limiter {
 public:
  virtual ~limiter() = default;
  virtual task<admission_result> admit(const admission_request& request) = 0;
  virtual task<void> settle(const settlement& done) = 0;
  // Throws nothing; an unreachable shared store gives an empty report.
  virtual task<headroom_report> headroom(const headroom_query& query) = 0;
};

}  // namespace keygate
