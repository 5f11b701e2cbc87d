// One asynchronous Redis connection on a worker's io_context: hiredis's async API driven by Asio
// readiness waits on its socket. Commands never wait longer than the configured timeout; a
// connection that times out or drops is closed and made again on a later command (at most once a
// second), so an unreachable Redis costs each request one fast failure, never a hang.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "gateway/base/net.hpp"
#include "gateway/config/access_options.hpp"
#include "gateway/storage/redis_reply.hpp"

namespace boost::asio {
class io_context;
}

namespace keygate {

class redis_connection {
 public:
  redis_connection(net::io_context& io, redis_options options);
  ~redis_connection();
  redis_connection(const redis_connection&) = delete;
  redis_connection& operator=(const redis_connection&) = delete;

  task<redis_reply> command(std::vector<std::string> args);

 private:
  struct link;  // the hiredis context and its socket, shared with pending callbacks
  void connect();

  net::io_context& io_;
  redis_options options_;
  std::shared_ptr<link> link_;
  std::chrono::steady_clock::time_point next_connect_{};
};

}  // namespace keygate
