// The async HTTP/1.1 client for upstream providers: DNS cache, keep-alive pool per host, TLS with
// certificate and host name verification, and the connect/first-byte/between-chunks/total timeouts.
// One instance per worker thread; nothing in it is shared across threads.
#pragma once

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/verb.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/base/net.hpp"
#include "gateway/config/endpoint.hpp"
#include "gateway/config/upstream_options.hpp"

namespace boost::asio {
class io_context;
}

namespace keygate {

enum class upstream_failure {
  none,
  resolve,  // DNS
  connect,  // refused, unreachable, TLS handshake or certificate
  connect_timeout,
  first_byte_timeout,  // no response head in time
  between_chunks_timeout,
  total_timeout,
  connection_lost,  // reset or closed before the response was complete
  protocol,         // not a valid HTTP response
  too_large,
};

bool is_timeout(upstream_failure failure);

// Process-wide counts of upstream connections, for /health/ready and leak checks in tests.
struct upstream_connection_counts {
  long open = 0;  // connected sockets, idle or in use
  long idle = 0;  // of those, waiting in a pool
};
upstream_connection_counts count_upstream_connections();
std::string_view describe(upstream_failure failure);

struct upstream_request {
  boost::beast::http::verb method = boost::beast::http::verb::post;
  std::string target;  // path and query
  boost::beast::http::fields headers;
  std::string body;
  // When not empty, the body sent in place of `body`: these pieces in order, sent from where they
  // are (an upload goes up from the client's own buffer, never copied). Whoever builds the request
  // keeps them alive until send() returns.
  std::vector<std::string_view> body_pieces;
};

class upstream_connection;
class connection_pool;

// A response whose head has arrived; its body is read on demand. Destroying it returns the
// connection to the pool only when the body was read to its end and the server keeps it alive.
class upstream_response {
 public:
  // Until the first body byte arrives, reads run under first_byte_deadline (the time-to-first-token
  // bound of a stream); after it, each read gets between_chunks, and all of it the total deadline.
  upstream_response(std::unique_ptr<upstream_connection> conn, connection_pool& pool,
                    std::chrono::steady_clock::time_point first_byte_deadline,
                    std::chrono::steady_clock::time_point total_deadline,
                    const upstream_timeouts& timeouts);
  ~upstream_response();
  upstream_response(const upstream_response&) = delete;
  upstream_response& operator=(const upstream_response&) = delete;

  unsigned status() const;
  const boost::beast::http::fields& headers() const;

  // The next piece of the body; an empty view at its end or on failure (see failure()). The view
  // stays valid until the next call.
  task<std::string_view> read_some();
  // The whole remaining body, up to max_response_bytes.
  task<bool> read_all(std::string& out);
  bool complete() const;
  upstream_failure failure() const { return failure_; }
  const std::string& failure_detail() const { return failure_detail_; }
  // Drop the connection instead of pooling it (the client went away mid-stream).
  void discard();

 private:
  std::unique_ptr<upstream_connection> conn_;
  connection_pool& pool_;
  std::chrono::steady_clock::time_point first_byte_deadline_;
  std::chrono::steady_clock::time_point total_deadline_;
  bool body_started_ = false;
  upstream_timeouts timeouts_;
  upstream_failure failure_ = upstream_failure::none;
  std::string failure_detail_;
  bool discard_ = false;
};

struct upstream_result {
  std::unique_ptr<upstream_response> response;  // null on failure
  upstream_failure failure = upstream_failure::none;
  std::string detail;  // for logs and the client's error message; never contains request headers
};

class upstream_client {
 public:
  upstream_client(net::io_context& io, const upstream_options& options);
  ~upstream_client();

  // Sends the request and waits for the response head.
  task<upstream_result> send(const upstream_endpoint& endpoint, const upstream_request& request,
                             const upstream_timeouts& timeouts);

  std::size_t idle_connections() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace keygate
