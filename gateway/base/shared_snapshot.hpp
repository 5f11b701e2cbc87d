// One value shared by every worker and replaced whole by a rare writer (a reload, an admin call):
// readers take a reference at the start of their work and keep it to its end, so they never see
// a half-built value and never wait for the writer to finish building it.
//
// Not std::atomic<std::shared_ptr>: libstdc++ 12 releases that atomic's internal lock with relaxed
// order, a data race ThreadSanitizer rightly reports between a load and a store (docs/threading.md,
// "Values replaced at run time"). The mutex here is held for one reference-count increment.
#pragma once

#include <memory>
#include <mutex>
#include <utility>

namespace keygate {

template <class T>
class shared_snapshot {
 public:
  shared_snapshot() = default;
  explicit shared_snapshot(std::shared_ptr<T> initial) : value_(std::move(initial)) {}
  shared_snapshot(const shared_snapshot&) = delete;
  shared_snapshot& operator=(const shared_snapshot&) = delete;

  std::shared_ptr<T> load() const {
    std::lock_guard lock(mutex_);
    return value_;
  }

  void store(std::shared_ptr<T> next) {
    {
      std::lock_guard lock(mutex_);
      value_.swap(next);
    }  // the old value is released outside the lock (by its last reader, if any still holds it)
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<T> value_;
};

}  // namespace keygate
