// How a durable append learns that its record is on disk. The writer thread calls finish() after
// the record's transaction; the coroutine waiting in wait() resumes on its own executor.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <mutex>

#include "gateway/base/net.hpp"

namespace keygate {

class commit_waiter : public std::enable_shared_from_this<commit_waiter> {
 public:
  enum class outcome { pending, committed, failed };

  // Writer thread: the record is committed (or was given up). Wakes the waiting coroutine by
  // posting to its executor; does nothing more if that coroutine is gone.
  void finish(bool committed);

  outcome result() const;

  // Waits until finish(); returns pending when the wait is cancelled first. The wait is a timer in
  // this coroutine's frame, not in the shared state, so a coroutine destroyed with its io_context
  // leaves nothing of Asio's for the writer to touch. The executor must run one handler at a time
  // (a one-thread io_context, as keygate's workers are, or a strand).
  static task<outcome> wait(std::shared_ptr<commit_waiter> self);

 private:
  void attach(net::steady_timer& timer);
  void detach();
  void wake();

  mutable std::mutex mutex_;
  outcome outcome_ = outcome::pending;
  net::steady_timer* timer_ = nullptr;  // while a coroutine waits
  net::any_io_executor executor_;       // that coroutine's executor
};

}  // namespace keygate
