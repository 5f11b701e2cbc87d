// Idle keep-alive connections per upstream host, most recently used first. Per worker thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace keygate {

class upstream_connection;

class connection_pool {
 public:
  connection_pool(std::size_t max_idle_per_host, std::chrono::milliseconds idle_timeout);
  ~connection_pool();

  // A live idle connection for the key, or null. Stale and dead ones are closed on the way.
  std::unique_ptr<upstream_connection> acquire(const std::string& key);
  // Keeps the connection for reuse, unless the host already has enough idle ones.
  void release(std::unique_ptr<upstream_connection> conn);
  std::size_t idle_count() const;

 private:
  std::size_t max_idle_per_host_;
  std::chrono::milliseconds idle_timeout_;
  std::unordered_map<std::string, std::vector<std::unique_ptr<upstream_connection>>> idle_;
};

}  // namespace keygate
