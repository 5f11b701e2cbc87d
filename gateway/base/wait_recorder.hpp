// Time a request spends waiting on others (upstreams, the client's socket, retry backoff), kept so
// that keygate can tell its own share of a request's time (x-keygate-overhead-ms).
#pragma once

#include <chrono>

namespace keygate {

class wait_recorder {
 public:
  virtual void add_wait(std::chrono::steady_clock::duration waited, bool on_upstream) = 0;
  // The part of the waits spent on upstreams (connecting, sending, waiting for their bytes).
  virtual std::chrono::steady_clock::duration upstream_waited() const = 0;

 protected:
  ~wait_recorder() = default;
};

// Counts the time from its making to its end as a wait outside keygate.
class outside_wait {
 public:
  explicit outside_wait(wait_recorder& waits, bool on_upstream = false)
      : waits_(waits), on_upstream_(on_upstream) {}
  ~outside_wait() { waits_.add_wait(std::chrono::steady_clock::now() - start_, on_upstream_); }
  outside_wait(const outside_wait&) = delete;
  outside_wait& operator=(const outside_wait&) = delete;

 private:
  wait_recorder& waits_;
  bool on_upstream_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace keygate
