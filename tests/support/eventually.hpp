// The one way tests wait for something that happens on another thread or process: poll the
// event itself until it holds, within a bound. Never a fixed sleep.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <thread>

namespace keygate::testing {

// An upper bound on a wall-clock wait, stretched by KEYGATE_TEST_TIME_SCALE (the sanitizer run sets
// it: instrumented binaries on a busy machine are several times slower). Lower bounds stay exact.
inline std::chrono::milliseconds time_limit(std::chrono::milliseconds bound) {
  const char* scale = std::getenv("KEYGATE_TEST_TIME_SCALE");
  const int factor = scale ? std::max(1, std::atoi(scale)) : 1;
  return bound * factor;
}

// Polls `condition` every 2 ms until it holds or `bound` (stretched by time_limit) passes; returns
// whether it came to hold.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds bound = std::chrono::milliseconds(5000)) {
  const auto give_up = std::chrono::steady_clock::now() + time_limit(bound);
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

}  // namespace keygate::testing
