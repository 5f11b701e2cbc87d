// A connection to one upstream host, plain or TLS, with the parser state of its current response.
// Internal to the upstream client and its pool.
#pragma once

#include <array>
#include <atomic>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "gateway/base/net.hpp"

namespace keygate {

namespace beast = boost::beast;

class upstream_connection {
 public:
  using plain_stream = beast::tcp_stream;
  using tls_stream = beast::ssl_stream<beast::tcp_stream>;
  using clock = std::chrono::steady_clock;

  upstream_connection(net::any_io_executor executor, std::string pool_key);
  upstream_connection(net::any_io_executor executor, net::ssl::context& tls, std::string pool_key);
  ~upstream_connection();
  upstream_connection(const upstream_connection&) = delete;
  upstream_connection& operator=(const upstream_connection&) = delete;

  beast::tcp_stream& lowest() { return tls_ ? beast::get_lowest_layer(*tls_) : *plain_; }
  bool is_tls() const { return tls_.has_value(); }
  tls_stream& tls() { return *tls_; }

  // Runs f on whichever stream this connection has; both branches return the same awaitable type.
  template <class F>
  auto visit(F&& f) {
    return tls_ ? f(*tls_) : f(*plain_);
  }

  // Whether the peer closed it or sent something unasked while it sat idle.
  bool looks_alive();

  const std::string& pool_key() const { return pool_key_; }

  beast::flat_buffer buffer;
  std::optional<beast::http::response_parser<beast::http::buffer_body>> parser;
  clock::time_point idle_since{};
  bool reused = false;

  static std::atomic<long> open_count;  // every live connection object
  static std::atomic<long> idle_count;  // those waiting in a pool

 private:
  std::optional<plain_stream> plain_;
  std::optional<tls_stream> tls_;
  std::string pool_key_;

 public:
  // 8 KB holds many SSE events per read; every stream in flight carries one. Left uninitialized and
  // last in the object: a slow stream's small reads touch only its first page, so the rest of it
  // never becomes resident memory.
  std::array<char, 8 * 1024> body_buffer;
};

}  // namespace keygate
