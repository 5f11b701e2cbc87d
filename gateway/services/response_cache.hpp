// The response cache's shared parts (docs/caching.md): answers kept in memory, bounded by bytes,
// least recently used out first; and the requests in flight that identical ones wait for. Shared
// by every worker, so both are locked; nothing here waits on I/O.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "gateway/base/net.hpp"
#include "gateway/base/usage.hpp"

namespace keygate {

// One answer as the client got it: a whole body, or a stream's events (SSE, `[DONE]` included).
struct cached_answer {
  bool stream = false;
  std::string body;
  token_usage usage;
  std::optional<std::int64_t> cost_nanos;  // what it cost when it was made; none: unpriced
  std::string content_type = "application/json";

  std::size_t bytes() const { return body.size() + content_type.size() + 64; }
};

// As text, for a shared store; nullopt for text that is not one.
std::string encode_cached_answer(const cached_answer& answer);
std::optional<cached_answer> decode_cached_answer(std::string_view text);

class memory_answer_cache {
 public:
  explicit memory_answer_cache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // The live answer under `key`, freshened as recently used; null when none or expired.
  std::shared_ptr<const cached_answer> find(const std::string& key, std::int64_t now_ms);
  // Keeps `answer` until `expires_ms` (unix ms), pushing out the least recently used entries
  // while the total is over the bound. An answer larger than the bound is not kept.
  void put(const std::string& key, std::shared_ptr<const cached_answer> answer,
           std::int64_t expires_ms);
  std::size_t bytes() const;
  std::size_t entries() const;
  void set_max_bytes(std::size_t max_bytes);

 private:
  struct entry {
    std::shared_ptr<const cached_answer> answer;
    std::int64_t expires_ms = 0;
    std::list<std::string>::iterator recency;
  };
  void erase(std::unordered_map<std::string, entry>::iterator it);
  void shrink_to(std::size_t bound);

  mutable std::mutex mutex_;
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::list<std::string> recency_;  // most recently used first
  std::unordered_map<std::string, entry> entries_;
};

// A request waiting for an identical one in flight: woken (its timer cancelled, on its own
// executor) when that one lands.
struct flight_waiter {
  explicit flight_waiter(const net::any_io_executor& executor) : timer(executor) {}
  net::steady_timer timer;
};

class answer_flights {
 public:
  // True: no identical request is in flight, the caller leads and must `land` the key. False:
  // one is, and `waiter` is woken when it lands.
  bool lead_or_join(const std::string& key, const std::shared_ptr<flight_waiter>& waiter);
  // The leader is done (whether it left an answer in the cache or not): wakes its followers.
  void land(const std::string& key);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::vector<std::shared_ptr<flight_waiter>>> flights_;
};

}  // namespace keygate
