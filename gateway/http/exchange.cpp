#include "gateway/http/exchange.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/write.hpp>
#include <cerrno>
#include <charconv>
#include <span>

#include "gateway/base/http_head.hpp"
#include "gateway/http/connection.hpp"

namespace keygate {

namespace {

bool peer_closed(int fd) {
  pollfd probe{fd, POLLRDHUP, 0};
  return ::poll(&probe, 1, 0) == 1 && (probe.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

constexpr std::string_view exposed_headers =
    "x-request-id, x-keygate-deployment, x-keygate-attempts, x-keygate-overhead-ms, retry-after";
}  // namespace

exchange::exchange(connection& conn, http_request& req, std::string request_id)
    : conn_(conn), req_(req), request_id_(std::move(request_id)) {}

net::any_io_executor exchange::executor() const {
  return conn_.socket().get_executor();
}

net::ip::tcp::endpoint exchange::remote_endpoint() const {
  boost::system::error_code ec;
  return conn_.socket().remote_endpoint(ec);
}

std::chrono::steady_clock::duration exchange::overhead() const {
  return std::chrono::steady_clock::now() - started_at_ - waited_;
}

void exchange::answer_starts() {
  answer_started_at_ = std::chrono::steady_clock::now();
}

void exchange::add_common_headers(http_fields& fields) {
  fields.set("x-request-id", request_id_);
  char overhead_ms[32];
  const auto written = std::to_chars(overhead_ms, overhead_ms + sizeof overhead_ms,
                                     std::chrono::duration<double, std::milli>(overhead()).count(),
                                     std::chars_format::fixed, 3);
  fields.set("x-keygate-overhead-ms", std::string_view(overhead_ms, written.ptr));
  const auto& origin = conn_.options().cors_allow_origin;
  // Only browsers send Origin, and only they read CORS headers.
  if (!origin.empty() && !omit_cors_ && req_.find(http::field::origin) != req_.end()) {
    fields.set(http::field::access_control_allow_origin, origin);
    fields.set(http::field::access_control_expose_headers, exposed_headers);
  }
  for (const auto& field : extra_headers_) fields.set(field.name_string(), field.value());
}

task<void> exchange::respond(http_response response) {
  if (state_ != state::pending) co_return;
  const std::string body = std::move(response.body());
  response.body().clear();
  co_await send_whole(response, body);
}

task<void> exchange::respond_static(http_response head, std::string_view body) {
  if (state_ != state::pending) co_return;
  head.body().clear();
  co_await send_whole(head, body);
}

task<void> exchange::send_whole(http_response& response, std::string_view body) {
  state_ = state::done;
  answer_starts();
  response.version(req_.version());
  add_common_headers(response.base());
  response.keep_alive(conn_.keep_alive());
  const auto status = response.result_int();
  if (status / 100 == 1 || status == 204 || status == 304) {
    response.content_length(boost::none);  // these never have a body (RFC 9110)
    body = {};
  } else {
    response.content_length(body.size());
  }
  // A HEAD answer says how long the body would be and sends none.
  if (req_.method() == http::verb::head) body = {};
  conn_.set_deadline(conn_.options().limits.write_timeout);
  outside_wait writing(*this);
  const std::string head = http_head(response.base());
  const std::array message{net::const_buffer(head.data(), head.size()),
                           net::const_buffer(body.data(), body.size())};
  auto [ec, n] = co_await conn_.visit_stream(
      [&](auto& stream) { return net::async_write(stream, message, use_nothrow); });
  conn_.clear_deadline();
  if (ec) conn_.set_keep_alive(false);
}

task<void> exchange::respond(http::status status, std::string body, std::string_view content_type) {
  http_response response{status, req_.version()};
  response.set(http::field::content_type, content_type);
  response.body() = std::move(body);
  co_await respond(std::move(response));
}

task<bool> exchange::begin_stream(http::status status, http_fields fields) {
  if (state_ != state::pending) co_return false;
  state_ = state::streaming;
  conn_.release_request_buffer();
  answer_starts();
  http::response<http::empty_body> response{status, req_.version()};
  for (const auto& field : fields) response.set(field.name_string(), field.value());
  add_common_headers(response.base());
  response.keep_alive(conn_.keep_alive());
  response.chunked(true);
  http::response_serializer<http::empty_body> serializer{response};
  conn_.set_deadline(conn_.options().limits.write_timeout);
  outside_wait writing(*this);
  auto [ec, n] = co_await conn_.visit_stream(
      [&](auto& stream) { return http::async_write_header(stream, serializer, use_nothrow); });
  conn_.clear_deadline();
  co_return !ec;
}

// Neither overload is a coroutine itself: the one coroutine frame per chunk is the write's.
task<bool> exchange::write_chunk(std::string_view data) {
  const net::const_buffer piece(data.data(), data.size());
  frame_chunk(&piece, &piece + 1);
  return write_framed_chunk();
}

task<bool> exchange::write_chunk(const std::vector<net::const_buffer>& pieces) {
  frame_chunk(pieces.data(), pieces.data() + pieces.size());
  return write_framed_chunk();
}

void exchange::frame_chunk(const net::const_buffer* begin, const net::const_buffer* end) {
  std::size_t size = 0;
  for (const auto* piece = begin; piece != end; ++piece) size += piece->size();
  char* line = chunk_size_line_.data();
  char* line_end = std::to_chars(line, line + chunk_size_line_.size() - 2, size, 16).ptr;
  *line_end++ = '\r';
  *line_end++ = '\n';
  chunk_size_ = size;
  chunk_buffers_.clear();
  chunk_buffers_.emplace_back(line, static_cast<std::size_t>(line_end - line));
  chunk_buffers_.insert(chunk_buffers_.end(), begin, end);
  chunk_buffers_.emplace_back("\r\n", 2);
}

task<bool> exchange::write_framed_chunk() {
  if (state_ != state::streaming) co_return false;
  if (chunk_size_ == 0) co_return true;  // an empty chunk would end the body
  conn_.set_deadline(conn_.options().limits.write_timeout);
  outside_wait writing(*this);
  // A span, not the vector: the write copies its buffer sequence, and a span copies for free.
  const std::span<const net::const_buffer> chunk(chunk_buffers_);
  auto [ec, n] = co_await conn_.visit_stream(
      [&](auto& stream) { return net::async_write(stream, chunk, use_nothrow); });
  conn_.clear_deadline();
  co_return !ec;
}

task<bool> exchange::end_stream() {
  if (state_ != state::streaming) co_return false;
  conn_.set_deadline(conn_.options().limits.write_timeout);
  outside_wait writing(*this);
  auto [ec, n] = co_await conn_.visit_stream(
      [&](auto& stream) { return net::async_write(stream, http::make_chunk_last(), use_nothrow); });
  conn_.clear_deadline();
  state_ = state::done;
  if (ec) conn_.set_keep_alive(false);
  co_return !ec;
}

task<void> exchange::wait_client_gone() {
  auto& socket = conn_.socket();
  auto [ec] = co_await socket.async_wait(net::socket_base::wait_read, use_nothrow);
  if (ec) co_return;  // the request finished first, or the socket failed
  char probe;
  const auto n = ::recv(socket.native_handle(), &probe, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) co_return;  // gone
  // Under TLS a departing client sends an encrypted close_notify before its FIN: bytes to read do
  // not prove it is still there, but a half-closed socket does.
  if (conn_.is_tls() && peer_closed(socket.native_handle())) co_return;
  // Bytes of a pipelined request: the client is still there, and there is nothing more to see.
  net::steady_timer forever(socket.get_executor(), net::steady_timer::time_point::max());
  co_await forever.async_wait(use_nothrow);
}

void exchange::abandon() {
  state_ = state::done;
  conn_.set_keep_alive(false);
}

void exchange::close_connection() {
  state_ = state::done;
  conn_.set_keep_alive(false);
  conn_.close();
}

void exchange::abort() {
  state_ = state::done;
  conn_.set_keep_alive(false);
  conn_.abort();
}

}  // namespace keygate
