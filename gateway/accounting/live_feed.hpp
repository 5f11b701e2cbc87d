// Finished requests handed to whoever watches the admin's live tail (GET /admin/live). Publishing
// costs one atomic load while nobody watches; with watchers, each gets a copy in its own bounded
// queue and a wake-up posted to its own executor, so the request path never waits on a reader. A
// reader that falls behind loses records (counted), it is never buffered without bound.
#pragma once

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "gateway/accounting/ledger_types.hpp"
#include "gateway/base/net.hpp"

namespace keygate {

class live_watcher {
 public:
  explicit live_watcher(net::any_io_executor executor, std::size_t capacity = 256)
      : executor_(executor),
        capacity_(capacity),
        timer_(std::make_shared<net::steady_timer>(std::move(executor))) {}

  // Waits until a record arrives or `timeout` passes; true when woken by a record (or more).
  task<bool> wait(std::chrono::milliseconds timeout);
  // Everything queued, and how many were dropped since the last take.
  std::deque<std::shared_ptr<const ledger_record>> take(std::uint64_t& dropped);

 private:
  friend class live_feed;
  void offer(const std::shared_ptr<const ledger_record>& record);

  net::any_io_executor executor_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::deque<std::shared_ptr<const ledger_record>> queue_;
  std::uint64_t dropped_ = 0;
  bool wake_posted_ = false;
  // Waited on and cancelled on executor_ only.
  const std::shared_ptr<net::steady_timer> timer_;
};

class live_feed {
 public:
  bool watched() const { return watchers_count_.load(std::memory_order_relaxed) > 0; }
  int watchers() const { return watchers_count_.load(std::memory_order_relaxed); }
  // Any thread. Call only when watched(): the caller then builds nothing for nobody.
  void publish(const ledger_record& record);

  void subscribe(const std::shared_ptr<live_watcher>& watcher);
  void unsubscribe(const std::shared_ptr<live_watcher>& watcher);

 private:
  std::atomic<int> watchers_count_{0};
  std::mutex mutex_;
  std::vector<std::shared_ptr<live_watcher>> watchers_;
};

}  // namespace keygate
