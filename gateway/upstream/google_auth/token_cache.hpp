// One OAuth2 access token shared by every worker thread (docs/vertex.md#auth): kept until shortly
// before it expires, and fetched by one request at a time. Requests that find no fresh token
// while a fetch is under way wait for that fetch's outcome on their own event loops instead of
// starting another.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "gateway/base/net.hpp"

namespace keygate::google_auth {

using token_clock = std::chrono::steady_clock;

struct fetched_token {
  std::string value;  // empty: the fetch failed, `problem` says why
  std::chrono::seconds lifetime{0};
  std::string problem;  // names no secret
};

// How long before its end a token is replaced: five minutes, or a quarter of a short lifetime.
std::chrono::seconds refresh_margin(std::chrono::seconds lifetime);

class token_cache {
 public:
  using fetcher = std::function<task<fetched_token>()>;
  using clock_fn = std::function<token_clock::time_point()>;

  explicit token_cache(clock_fn now = [] { return token_clock::now(); });

  // A fresh token (the cached one, or one fetched now or by a fetch already under way), or the
  // failed fetch's problem. `executor` is the caller's own: a waiter is woken on it.
  task<fetched_token> get(net::any_io_executor executor, const fetcher& fetch);
  // The upstream refused `token` (401): it is dropped, unless a newer one replaced it already.
  void refused(const std::string& token);
  // How many fetches were started: for tests and metrics.
  std::uint64_t fetches() const;

 private:
  struct flight;
  struct finish_guard;
  std::optional<fetched_token> fresh_locked() const;
  // Takes the waiter whose timer is `its_timer` off `joined`'s list.
  void leave(flight& joined, const void* its_timer);

  clock_fn now_;
  mutable std::mutex mutex_;
  std::string token_;
  token_clock::time_point refresh_at_{};
  std::chrono::seconds lifetime_{0};
  std::shared_ptr<flight> flight_;
  std::uint64_t fetches_ = 0;
};

}  // namespace keygate::google_auth
