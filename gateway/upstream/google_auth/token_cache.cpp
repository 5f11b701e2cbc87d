#include "gateway/upstream/google_auth/token_cache.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <utility>
#include <vector>

namespace keygate::google_auth {

struct token_cache::flight {
  struct waiter {
    net::any_io_executor executor;
    std::shared_ptr<net::steady_timer> timer;
  };
  std::optional<fetched_token> outcome;  // written under the cache's mutex before waking
  bool abandoned = false;  // the fetching request went away first: a waiter fetches instead
  std::vector<waiter> waiters;
};

// Ends a flight however its fetcher ends, a destroyed coroutine frame included, so no waiter is
// left asleep.
struct token_cache::finish_guard {
  token_cache& cache;
  std::shared_ptr<flight> current;
  std::optional<fetched_token> outcome;

  ~finish_guard() {
    const std::lock_guard lock(cache.mutex_);
    if (!outcome) {
      outcome = fetched_token{{}, {}, "the token fetch was cancelled"};
      current->abandoned = true;
    }
    if (!outcome->value.empty()) {
      cache.token_ = outcome->value;
      cache.lifetime_ = outcome->lifetime;
      cache.refresh_at_ = cache.now_() + outcome->lifetime - refresh_margin(outcome->lifetime);
    }
    current->outcome = *outcome;
    if (cache.flight_ == current) cache.flight_.reset();
    // Each waiter's timer belongs to its own event loop, so it is woken there. Setting the expiry
    // (rather than cancelling) also wakes a waiter whose wait has not started yet. The timer is
    // handed over whole, never copied: its last owner must be its own loop, since destroying it
    // here could come after that loop and its timer service are gone. Posted under the mutex: a
    // waiter that leaves takes itself off the list under it, so a loop that still has a waiter
    // listed is running, and keeps running until the posted wake-up has run.
    for (auto& w : current->waiters)
      net::post(w.executor, [timer = std::move(w.timer)]() {
        timer->expires_at(net::steady_timer::time_point::min());
      });
    current->waiters.clear();
  }
};

// A waiter that goes away before its flight ends is taken off the list: nothing is posted to its
// loop afterwards, which may be gone by then.
void token_cache::leave(flight& joined, const void* its_timer) {
  const std::lock_guard lock(mutex_);
  std::erase_if(joined.waiters,
                [&](const flight::waiter& w) { return w.timer.get() == its_timer; });
}

std::chrono::seconds refresh_margin(std::chrono::seconds lifetime) {
  return std::min<std::chrono::seconds>(std::chrono::minutes(5), lifetime / 4);
}

token_cache::token_cache(clock_fn now) : now_(std::move(now)) {}

std::optional<fetched_token> token_cache::fresh_locked() const {
  if (token_.empty() || now_() >= refresh_at_) return std::nullopt;
  return fetched_token{token_, lifetime_, {}};
}

task<fetched_token> token_cache::get(net::any_io_executor executor, const fetcher& fetch) {
  std::shared_ptr<flight> joined;
  for (;;) {
    std::shared_ptr<net::steady_timer> timer;
    {
      const std::lock_guard lock(mutex_);
      if (auto fresh = fresh_locked()) co_return std::move(*fresh);
      if (!flight_) {
        flight_ = std::make_shared<flight>();
        joined = flight_;
        ++fetches_;
        break;
      }
      joined = flight_;
      timer = std::make_shared<net::steady_timer>(executor, net::steady_timer::time_point::max());
      joined->waiters.push_back({executor, timer});
    }
    std::optional<fetched_token> outcome;
    bool abandoned = false;
    while (!outcome && !abandoned) {
      co_await timer->async_wait(use_nothrow);
      {
        const std::lock_guard lock(mutex_);
        abandoned = joined->abandoned;  // its fetcher's request left: look again, maybe fetch
        if (joined->outcome && !abandoned) outcome = joined->outcome;
      }
      if (!outcome && !abandoned &&
          (co_await net::this_coro::cancellation_state).cancelled() !=
              net::cancellation_type::none) {
        leave(*joined, timer.get());
        co_return fetched_token{{}, {}, "the request went away while a token was fetched"};
      }
    }
    if (outcome) co_return std::move(*outcome);
  }
  finish_guard guard{*this, joined, std::nullopt};
  auto pending = fetch();
  guard.outcome = co_await std::move(pending);
  auto outcome = *guard.outcome;
  co_return outcome;
}

void token_cache::refused(const std::string& token) {
  const std::lock_guard lock(mutex_);
  if (token == token_) token_.clear();
}

std::uint64_t token_cache::fetches() const {
  const std::lock_guard lock(mutex_);
  return fetches_;
}

}  // namespace keygate::google_auth
