#include "gateway/accounting/live_feed.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>

namespace keygate {

task<bool> live_watcher::wait(std::chrono::milliseconds timeout) {
  {
    std::lock_guard lock(mutex_);
    if (!queue_.empty() || dropped_ > 0) co_return true;
  }
  timer_->expires_after(timeout);
  auto [error] = co_await timer_->async_wait(use_nothrow);
  // Cancelled: a record came (offer's wake-up), or the request itself is being torn down.
  co_return error == net::error::operation_aborted;
}

std::deque<std::shared_ptr<const ledger_record>> live_watcher::take(std::uint64_t& dropped) {
  std::lock_guard lock(mutex_);
  dropped = std::exchange(dropped_, 0);
  wake_posted_ = false;
  return std::exchange(queue_, {});
}

void live_watcher::offer(const std::shared_ptr<const ledger_record>& record) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= capacity_) {
      ++dropped_;
    } else {
      queue_.push_back(record);
    }
    wake = !std::exchange(wake_posted_, true);
  }
  // The timer belongs to the watcher's executor: it is cancelled there, never from this thread.
  if (wake) net::post(executor_, [timer = timer_] { timer->cancel(); });
}

void live_feed::publish(const ledger_record& record) {
  auto shared = std::make_shared<const ledger_record>(record);
  std::lock_guard lock(mutex_);
  for (const auto& watcher : watchers_) watcher->offer(shared);
}

void live_feed::subscribe(const std::shared_ptr<live_watcher>& watcher) {
  std::lock_guard lock(mutex_);
  watchers_.push_back(watcher);
  watchers_count_.store(static_cast<int>(watchers_.size()), std::memory_order_relaxed);
}

void live_feed::unsubscribe(const std::shared_ptr<live_watcher>& watcher) {
  std::lock_guard lock(mutex_);
  std::erase(watchers_, watcher);
  watchers_count_.store(static_cast<int>(watchers_.size()), std::memory_order_relaxed);
}

}  // namespace keygate
