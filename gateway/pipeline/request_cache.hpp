// One model request's use of the response cache (docs/caching.md): whether it may use it and under
// which key, the look (memory, then Redis, and first a wait for an identical request in flight),
// and keeping its answer once it went out whole.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/access/authenticate.hpp"
#include "gateway/canonical/canonical_request.hpp"
#include "gateway/engine/answer_sink.hpp"
#include "gateway/engine/routing_table.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/pipeline/answer_capture.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

class request_cache {
 public:
  request_cache(exchange& ex, worker_services& services) : ex_(ex), services_(services) {}
  ~request_cache();
  request_cache(const request_cache&) = delete;
  request_cache& operator=(const request_cache&) = delete;

  // Whether this request uses the cache: its group caches, its route can, its temperature
  // allows, and the client did not say no (Cache-Control: no-store or no-cache,
  // x-keygate-cache: off).
  void plan(const routed_group& group, const caller& who, const canonical_request& request,
            std::string_view route);
  bool active() const { return plan_ != nullptr; }

  // The answer to replay; null on a miss, when this request goes upstream and its answer is
  // captured. Sets x-keygate-cache: hit or miss.
  task<std::shared_ptr<const cached_answer>> look(
      std::optional<std::chrono::steady_clock::time_point> deadline);

  // Where the answer writer copies the answer; null when it is not to be kept.
  answer_capture* capture() { return plan_ && plan_->capturing ? &plan_->capture : nullptr; }

  // After the answer went out: keeps it when it is whole and successful, then wakes the identical
  // requests that waited for it.
  task<void> keep(const answer_outcome& outcome, std::optional<std::int64_t> cost_nanos);

 private:
  task<std::shared_ptr<const cached_answer>> find();
  void land();

  exchange& ex_;
  worker_services& services_;
  // What a request that uses the cache needs, made by plan() only then: most requests do not,
  // and this object is part of every request's state for its whole life.
  struct active_plan {
    std::string key;
    std::string model;
    std::chrono::milliseconds ttl{0};
    bool read = true;  // no-cache: the answer is fetched anew, then kept
    bool leading = false;
    bool capturing = false;
    answer_capture capture;
  };
  std::unique_ptr<active_plan> plan_;
};

}  // namespace keygate
