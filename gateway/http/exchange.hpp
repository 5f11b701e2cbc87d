// One request and its response on a client connection. Handlers see only this.
#pragma once

#include <array>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/base/net.hpp"
#include "gateway/base/wait_recorder.hpp"
#include "gateway/http/header_block.hpp"

namespace keygate {

namespace http = boost::beast::http;
using http_request = http::request<http::string_body>;
using http_response = http::response<http::string_body>;
using http_fields = http::fields;

class connection;

class exchange final : public wait_recorder {
 public:
  exchange(connection& conn, http_request& req, std::string request_id);

  http_request& request() { return req_; }
  const http_request& request() const { return req_; }
  std::string_view request_id() const { return request_id_; }
  std::chrono::steady_clock::time_point started_at() const { return started_at_; }
  net::any_io_executor executor() const;
  net::ip::tcp::endpoint remote_endpoint() const;

  // A whole response. Adds x-request-id, x-keygate-overhead-ms, CORS, the extra headers,
  // Content-Length and keep-alive.
  task<void> respond(http_response response);
  task<void> respond(http::status status, std::string body,
                     std::string_view content_type = "application/json");
  // A whole response whose body lives as long as the program (embedded files): sent from where it
  // is, not copied. `head` carries the status and fields; its own body is ignored.
  task<void> respond_static(http_response head, std::string_view body);

  // A streamed response, sent with chunked transfer encoding. Each call returns false once the
  // client is gone; the caller then stops producing.
  task<bool> begin_stream(http::status status, http_fields fields);
  // The same with the response's own headers as "name: value\r\n" lines.
  task<bool> begin_stream(http::status status, std::string_view header_lines);
  task<bool> write_chunk(std::string_view data);
  // Several pieces as one chunk (one system call).
  task<bool> write_chunk(const std::vector<net::const_buffer>& pieces);
  task<bool> end_stream();

  // Closes the connection with a TCP reset; nothing more is sent.
  void abort();
  // Closes the connection in good order (FIN) wherever the response stands.
  void close_connection();
  // Completes when the client closes or resets its connection (a pipelined request does not
  // count). Meant to race the work on the request, which is cancelled when this wins.
  task<void> wait_client_gone();
  // Completes when the server begins a graceful shutdown: for responses that would otherwise
  // never end (a live tail), raced like wait_client_gone.
  task<void> wait_shutdown();
  // The client left: nothing more is sent, and the connection closes after the handler.
  void abandon();

  bool responded() const { return state_ != state::pending; }
  bool streaming() const { return state_ == state::streaming; }
  // Headers the handler wants on whatever response goes out (e.g. x-keygate-*).
  header_block& extra_headers() { return extra_headers_; }
  // This response carries no CORS headers, whatever server.cors_allow_origin says (the console's
  // pages and API are for its own origin only).
  void omit_cors() { omit_cors_ = true; }

  // Time the request spent waiting on others: upstreams, the client's socket, retry backoff.
  void add_wait(std::chrono::steady_clock::duration waited, bool on_upstream) override {
    waited_ += waited;
    if (on_upstream) upstream_waited_ += waited;
  }
  std::chrono::steady_clock::duration waited() const { return waited_; }
  // The part of it spent on upstreams (connecting, sending, waiting for their bytes).
  std::chrono::steady_clock::duration upstream_waited() const override { return upstream_waited_; }
  // Time spent in keygate itself so far: all the time since the request arrived but the waits.
  std::chrono::steady_clock::duration overhead() const;
  // When the answer (a whole response, or a stream's head) started going out.
  std::optional<std::chrono::steady_clock::time_point> answer_started_at() const {
    return answer_started_at_;
  }

 private:
  enum class state { pending, streaming, done };
  // The response head, written straight into the connection's reused buffer: the status line,
  // `own` (the response's own header lines), the common and extra headers, the length or chunked
  // framing, and keep-alive.
  std::string_view make_head(unsigned status, std::string_view own,
                             std::optional<std::size_t> content_length);
  task<void> send_whole(unsigned status, std::string_view own, std::string_view body);
  void answer_starts();
  // Fills chunk_buffers_ with one chunk of the chunked encoding around `pieces`, not copying them.
  void frame_chunk(const net::const_buffer* begin, const net::const_buffer* end);
  task<bool> write_framed_chunk();

  connection& conn_;
  http_request& req_;
  std::string request_id_;
  header_block extra_headers_;
  std::chrono::steady_clock::time_point started_at_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::duration waited_{0};
  std::chrono::steady_clock::duration upstream_waited_{0};
  std::optional<std::chrono::steady_clock::time_point> answer_started_at_;
  state state_ = state::pending;
  bool omit_cors_ = false;
  // Kept between chunks so that forwarding a chunk allocates nothing once a stream is going.
  std::vector<net::const_buffer> chunk_buffers_;
  std::array<char, 20> chunk_size_line_{};
  std::size_t chunk_size_ = 0;
};

}  // namespace keygate
