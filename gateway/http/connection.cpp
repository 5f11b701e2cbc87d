#include "gateway/http/connection.hpp"

#include <sys/socket.h>

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <exception>

#include "gateway/base/openai_error.hpp"
#include "gateway/base/request_id.hpp"
#include "gateway/http/request_parser.hpp"
#include "gateway/logging/logging.hpp"

namespace keygate {

namespace {

constexpr std::size_t first_read_size = 4096;

bool is_quiet_close(const boost::system::error_code& ec) {
  return ec == http::error::end_of_stream || ec == net::error::eof ||
         ec == net::error::connection_reset || ec == net::error::operation_aborted ||
         ec == net::error::broken_pipe;
}

http_response error_response(int status, std::string_view message, std::string_view code) {
  openai_error error{status, std::string(message), std::string(error_type_for_status(status)),
                     std::nullopt, std::string(code)};
  http_response res{static_cast<http::status>(status), 11};
  res.set(http::field::content_type, "application/json");
  res.set(http::field::connection, "close");
  res.body() = error.to_json();
  res.prepare_payload();
  return res;
}

constexpr unsigned char tls_handshake_record = 0x16;

std::string pick_request_id(const http_request& req) {
  auto it = req.find("x-request-id");
  if (it != req.end() && is_acceptable_request_id(it->value())) return std::string(it->value());
  return make_request_id();
}

}  // namespace

connection::connection(net::ip::tcp::socket socket, worker_context& worker, tls_context_ptr tls)
    : socket_(std::move(socket)),
      tls_context_(std::move(tls)),
      worker_(worker),
      timer_(socket_.get_executor()) {
  if (tls_context_) tls_.emplace(socket_, *tls_context_);
  ++worker_.open_connections;
  registration_ = worker_.connections.insert(worker_.connections.end(), this);
}

connection::~connection() {
  worker_.connections.erase(registration_);
  --worker_.open_connections;
}

task<void> connection::run(std::shared_ptr<connection> self) {
  net::co_spawn(self->socket_.get_executor(), watchdog(self), net::detached);
  try {
    co_await self->serve();
  } catch (const std::exception&) {
    // A handler that throws after its response started leaves nothing to say: close.
  }
  self->close();
}

void connection::on_drain() {
  if (idle_) socket_.cancel();
  if (drain_waiter_) drain_waiter_->cancel();
}

task<void> connection::wait_drain() {
  if (worker_.draining) co_return;
  net::steady_timer until_drain(socket_.get_executor(), net::steady_timer::time_point::max());
  drain_waiter_ = &until_drain;
  struct forget {
    net::steady_timer*& waiter;
    ~forget() { waiter = nullptr; }
  } forget_on_exit{drain_waiter_};
  co_await until_drain.async_wait(use_nothrow);
}

void connection::set_deadline(clock::duration from_now) {
  timed_out_ = false;
  deadline_ = clock::now() + from_now;
  if (deadline_ < armed_) timer_.cancel();
}

void connection::clear_deadline() {
  deadline_ = clock::time_point::max();
}

void connection::abort() {
  boost::system::error_code ignored;
  socket_.set_option(net::socket_base::linger(true, 0), ignored);
  close();
}

void connection::close() {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ignored;
  socket_.shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  timer_.cancel();
}

// One timer per connection instead of one per operation: it sleeps until the current deadline
// and cancels the socket's pending operation when that deadline passes.
task<void> connection::watchdog(std::shared_ptr<connection> self) {
  while (!self->closed_) {
    if (self->deadline_ <= clock::now()) {
      self->timed_out_ = true;
      self->deadline_ = clock::time_point::max();
      boost::system::error_code ignored;
      self->socket_.cancel(ignored);
    }
    self->armed_ = self->deadline_;
    self->timer_.expires_at(self->deadline_);
    co_await self->timer_.async_wait(use_nothrow);
  }
}

task<void> connection::reject(int status, std::string_view message, std::string_view code) {
  auto res = error_response(status, message, code);
  set_deadline(worker_.options.limits.write_timeout);
  co_await visit_stream([&](auto& stream) { return http::async_write(stream, res, use_nothrow); });
}

// The TLS handshake, within the header timeout. A client that speaks plain HTTP to this port gets
// a plain answer saying so rather than a bare reset.
task<bool> connection::handshake() {
  set_deadline(worker_.options.limits.header_timeout);
  auto [wait_ec] = co_await socket_.async_wait(net::socket_base::wait_read, use_nothrow);
  if (wait_ec) co_return false;
  unsigned char first = 0;
  const auto n = ::recv(socket_.native_handle(), &first, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n != 1) co_return false;
  if (first != tls_handshake_record) {
    auto res =
        error_response(400, "This port speaks HTTPS only: use an https:// URL.", "https_required");
    set_deadline(worker_.options.limits.write_timeout);
    co_await http::async_write(socket_, res, use_nothrow);
    // Closing with the request unread would send a reset that can destroy the answer in flight:
    // end our side, then drain what the client still sends, briefly.
    boost::system::error_code ignored;
    socket_.shutdown(net::socket_base::shutdown_send, ignored);
    set_deadline(std::chrono::seconds(1));
    std::array<char, 1024> sink;
    for (;;) {
      auto [ec, n] = co_await socket_.async_read_some(net::buffer(sink), use_nothrow);
      if (ec) break;
    }
    co_return false;
  }
  auto [ec] = co_await tls_->async_handshake(net::ssl::stream_base::server, use_nothrow);
  clear_deadline();
  co_return !ec;
}

task<void> connection::serve() {
  const auto& limits = worker_.options.limits;
  if (tls_ && !co_await handshake()) co_return;
  while (!closed_) {
    if (buffer_.size() == 0) {
      // Between requests only the idle timeout applies, and a drain may close us right here.
      if (worker_.draining) co_return;
      idle_ = true;
      set_deadline(limits.idle_timeout);
      auto [ec, n] = co_await visit_stream([&](auto& stream) {
        return stream.async_read_some(buffer_.prepare(first_read_size), use_nothrow);
      });
      idle_ = false;
      if (ec) co_return;
      buffer_.commit(n);
    }

    set_deadline(limits.header_timeout);
    request_parser parser;
    apply_limits(parser, limits);
    // The header is read under the largest body limit any path has; once the path is known, its
    // own limit applies, before a byte of the body is read or a 100 Continue invites it.
    parser.body_limit(limits.largest_body_limit());
    auto [ec, n] = co_await visit_stream([&](auto& stream) {
      return http::async_read_header(stream, buffer_, parser, use_nothrow);
    });
    if (!ec) {
      const std::size_t body_limit = limits.body_limit_for(parser.get().target());
      const auto length = parser.content_length();
      if (length && *length > body_limit)
        ec = http::error::body_limit;
      else
        parser.body_limit(body_limit);
    }
    if (!ec && parser.get()[http::field::expect] == "100-continue" && !parser.is_done()) {
      static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
      std::tie(ec, n) = co_await visit_stream(
          [&](auto& stream) { return net::async_write(stream, net::buffer(go_on), use_nothrow); });
    }
    if (!ec && !parser.is_done())
      std::tie(ec, n) = co_await visit_stream(
          [&](auto& stream) { return http::async_read(stream, buffer_, parser, use_nothrow); });
    if (ec) {
      if (timed_out_)
        co_await reject(408, "The request was not received in time.", "request_timeout");
      else if (ec == http::error::header_limit)
        co_await reject(431, "The request headers are too large.", "headers_too_large");
      else if (ec == http::error::body_limit)
        co_await reject(413, "The request body is too large.", "request_too_large");
      else if (!is_quiet_close(ec))
        co_await reject(400, "The HTTP request is malformed.", "bad_request");
      co_return;
    }
    clear_deadline();

    http_request req = parser.release();
    keep_alive_ = req.keep_alive();
    exchange ex(*this, req, pick_request_id(req));
    try {
      co_await worker_.handler(ex);
    } catch (const std::exception& e) {
      log_error("request handler failed", {{"request_id", ex.request_id()}, {"reason", e.what()}});
      if (ex.streaming()) co_return;  // the client sees a truncated chunked body
    }
    if (!ex.responded()) {
      openai_error error{500, "The gateway failed to handle the request.", "server_error", {}, {}};
      co_await ex.respond(http::status::internal_server_error, error.to_json());
    }
    if (closed_ || ex.streaming() || !keep_alive()) co_return;
  }
}

}  // namespace keygate
