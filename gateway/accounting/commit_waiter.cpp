#include "gateway/accounting/commit_waiter.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>

namespace keygate {

void commit_waiter::finish(bool committed) {
  std::lock_guard lock(mutex_);
  outcome_ = committed ? outcome::committed : outcome::failed;
  // Under the lock: detach() (which runs when the coroutine's frame dies, even inside its
  // io_context's destructor) cannot complete meanwhile, so the executor is still valid.
  if (timer_) net::post(executor_, [self = shared_from_this()] { self->wake(); });
}

commit_waiter::outcome commit_waiter::result() const {
  std::lock_guard lock(mutex_);
  return outcome_;
}

void commit_waiter::attach(net::steady_timer& timer) {
  std::lock_guard lock(mutex_);
  timer_ = &timer;
  executor_ = timer.get_executor();
}

void commit_waiter::detach() {
  net::any_io_executor executor;
  std::lock_guard lock(mutex_);
  timer_ = nullptr;
  executor.swap(executor_);  // released here, while the executor's context still exists
}

void commit_waiter::wake() {
  std::lock_guard lock(mutex_);
  if (timer_) timer_->cancel();
}

task<commit_waiter::outcome> commit_waiter::wait(std::shared_ptr<commit_waiter> self) {
  net::steady_timer timer(co_await net::this_coro::executor, net::steady_timer::time_point::max());
  self->attach(timer);
  struct detach_on_exit {
    commit_waiter& waiter;
    ~detach_on_exit() { waiter.detach(); }
  } guard{*self};
  // finish() may have run before attach(): then nothing was posted, and there is nothing to wait
  // for. Otherwise its wake() cannot run before this wait starts (one handler at a time).
  if (self->result() == outcome::pending) co_await timer.async_wait(use_nothrow);
  co_return self->result();
}

}  // namespace keygate
