// One client connection: reads requests in a keep-alive loop, enforces the size and time limits,
// and hands each request to the worker's handler as an exchange.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <list>
#include <memory>
#include <optional>

#include "gateway/http/http_server.hpp"
#include "gateway/http/listener_tls.hpp"

namespace keygate {

struct worker_context {
  net::io_context& io;
  const server_options& options;
  request_handler handler;
  std::atomic<std::size_t>& open_connections;
  std::list<class connection*> connections;  // this worker's, for draining
  bool draining = false;
};

class connection : public std::enable_shared_from_this<connection> {
 public:
  using clock = std::chrono::steady_clock;

  // With a TLS context the connection speaks HTTPS only.
  connection(net::ip::tcp::socket socket, worker_context& worker, tls_context_ptr tls = nullptr);
  ~connection();

  // The connection keeps itself alive through the coroutine's copy of the pointer.
  static task<void> run(std::shared_ptr<connection> self);
  // Closes the connection if it waits for a request; otherwise it closes after its response, and
  // a response that would never end by itself (a live tail) is told through wait_drain.
  void on_drain();
  // Completes when the server starts draining (at once if it has). One waiter at a time.
  task<void> wait_drain();

  // Used by exchange. The socket is the TCP layer, under TLS when the connection has it; reads and
  // writes of HTTP go through visit_stream, whose branches return the same awaitable type.
  net::ip::tcp::socket& socket() { return socket_; }
  bool is_tls() const { return tls_.has_value(); }
  template <class F>
  auto visit_stream(F&& f) {
    return tls_ ? f(*tls_) : f(socket_);
  }
  const server_options& options() const { return worker_.options; }
  bool keep_alive() const { return keep_alive_ && !worker_.draining; }
  void set_keep_alive(bool keep) { keep_alive_ = keep; }
  void set_deadline(clock::duration from_now);
  void clear_deadline();
  bool timed_out() const { return timed_out_; }
  void abort();
  void close();
  // A stream ends the connection and nothing more is read into the request buffer: its memory
  // (4 KB and up) goes back for the stream's life, which matters with thousands of slow streams.
  void release_request_buffer() {
    if (buffer_.size() == 0) buffer_.shrink_to_fit();
  }
  // Where each response head is written; reused from one request to the next.
  std::string& head_buffer() { return head_; }

 private:
  task<void> serve();
  static task<void> watchdog(std::shared_ptr<connection> self);
  task<void> reject(int status, std::string_view message, std::string_view code);
  task<bool> handshake();

  net::ip::tcp::socket socket_;
  tls_context_ptr tls_context_;  // outlives the stream built on it
  std::optional<boost::beast::ssl_stream<net::ip::tcp::socket&>> tls_;
  worker_context& worker_;
  std::list<connection*>::iterator registration_;
  net::steady_timer timer_;
  clock::time_point deadline_ = clock::time_point::max();
  clock::time_point armed_ = clock::time_point::max();
  boost::beast::flat_buffer buffer_;
  std::string head_;
  bool timed_out_ = false;
  bool idle_ = false;
  bool keep_alive_ = true;
  bool closed_ = false;
  net::steady_timer* drain_waiter_ = nullptr;  // set while wait_drain waits
};

}  // namespace keygate
