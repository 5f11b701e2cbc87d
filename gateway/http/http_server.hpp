// The listener: one io_context per thread, each with its own SO_REUSEPORT acceptor, so
// connections, their requests and their upstream pools never cross threads (docs/threading.md).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "gateway/config/server_options.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/http/listener_tls.hpp"

namespace boost::asio {
class io_context;
}

namespace keygate {

using request_handler = std::function<task<void>(exchange&)>;
// Called once per worker thread, on that thread's io_context, before it accepts.
using handler_factory = std::function<request_handler(unsigned worker, net::io_context& io)>;

class http_server {
 public:
  http_server(server_options options, handler_factory factory);
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  // Binds every worker's acceptor; throws std::system_error when the address is taken.
  void listen();
  std::uint16_t port() const;
  // Serves until SIGINT/SIGTERM or stop(), then drains within the grace period. Returns true when
  // every connection finished in time.
  bool run();
  // Starts a graceful shutdown; safe from any thread.
  void stop();
  // The TLS context for connections accepted from now on; null: plain HTTP. Safe from any thread:
  // connections already open keep the context they started with.
  void set_tls_context(tls_context_ptr context);
  // Called on the control thread at each SIGHUP. Set before run().
  void on_reload_signal(std::function<void()> callback);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace keygate
