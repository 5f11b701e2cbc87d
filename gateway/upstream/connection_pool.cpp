#include "gateway/upstream/connection_pool.hpp"

#include <sys/socket.h>

#include "gateway/upstream/upstream_connection.hpp"

namespace keygate {

std::atomic<long> upstream_connection::open_count{0};
std::atomic<long> upstream_connection::idle_count{0};

upstream_connection::upstream_connection(net::any_io_executor executor, std::string pool_key)
    : pool_key_(std::move(pool_key)) {
  plain_.emplace(executor);
  ++open_count;
}

upstream_connection::upstream_connection(net::any_io_executor executor, net::ssl::context& tls,
                                         std::string pool_key)
    : pool_key_(std::move(pool_key)) {
  tls_.emplace(executor, tls);
  ++open_count;
}

upstream_connection::~upstream_connection() {
  --open_count;
}

bool upstream_connection::looks_alive() {
  auto& socket = lowest().socket();
  if (!socket.is_open()) return false;
  char probe;
  // A readable idle socket means EOF, a reset, or bytes nobody asked for: none is reusable.
  auto n = ::recv(socket.native_handle(), &probe, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

connection_pool::connection_pool(std::size_t max_idle_per_host,
                                 std::chrono::milliseconds idle_timeout)
    : max_idle_per_host_(max_idle_per_host), idle_timeout_(idle_timeout) {}

connection_pool::~connection_pool() {
  upstream_connection::idle_count -= static_cast<long>(idle_count());
}

std::unique_ptr<upstream_connection> connection_pool::acquire(const std::string& key) {
  auto it = idle_.find(key);
  if (it == idle_.end()) return nullptr;
  auto& stack = it->second;
  const auto oldest_allowed = upstream_connection::clock::now() - idle_timeout_;
  while (!stack.empty()) {
    auto conn = std::move(stack.back());
    stack.pop_back();
    --upstream_connection::idle_count;
    if (conn->idle_since >= oldest_allowed && conn->looks_alive()) {
      conn->reused = true;
      return conn;
    }
  }
  return nullptr;
}

void connection_pool::release(std::unique_ptr<upstream_connection> conn) {
  auto& stack = idle_[conn->pool_key()];
  if (stack.size() >= max_idle_per_host_) return;  // closes it
  conn->lowest().expires_never();
  conn->parser.reset();
  conn->idle_since = upstream_connection::clock::now();
  stack.push_back(std::move(conn));
  ++upstream_connection::idle_count;
}

std::size_t connection_pool::idle_count() const {
  std::size_t n = 0;
  for (const auto& [key, stack] : idle_) n += stack.size();
  return n;
}

}  // namespace keygate
