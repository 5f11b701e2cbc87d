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

namespace {

// "name: value\r\n" for each field of a Beast list but the framing ones, which make_head writes.
std::string lines_of(const http_fields& fields) {
  std::string lines;
  for (const auto& field : fields) {
    const auto name = field.name();
    if (name == http::field::content_length || name == http::field::transfer_encoding ||
        name == http::field::connection)
      continue;
    const auto text = field.name_string();
    const auto value = field.value();
    lines.append(text.data(), text.size()).append(": ", 2);
    lines.append(value.data(), value.size()).append("\r\n", 2);
  }
  return lines;
}

void append_number(std::string& out, std::size_t n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

}  // namespace

std::string_view exchange::make_head(unsigned status, std::string_view own,
                                     std::optional<std::size_t> content_length) {
  std::string& out = conn_.head_buffer();
  out.clear();
  const unsigned version = req_.version();
  const char start[] = {'H',
                        'T',
                        'T',
                        'P',
                        '/',
                        static_cast<char>('0' + version / 10 % 10),
                        '.',
                        static_cast<char>('0' + version % 10),
                        ' ',
                        static_cast<char>('0' + status / 100 % 10),
                        static_cast<char>('0' + status / 10 % 10),
                        static_cast<char>('0' + status % 10),
                        ' '};
  out.append(start, sizeof start);
  const auto reason = http::obsolete_reason(static_cast<http::status>(status));
  out.append(reason.data(), reason.size()).append("\r\n", 2);
  out.append(own);
  out.append("x-request-id: ", 14).append(request_id_).append("\r\n", 2);
  char overhead_ms[32];
  const auto written = std::to_chars(overhead_ms, overhead_ms + sizeof overhead_ms,
                                     std::chrono::duration<double, std::milli>(overhead()).count(),
                                     std::chars_format::fixed, 3);
  out.append("x-keygate-overhead-ms: ", 23).append(overhead_ms, written.ptr).append("\r\n", 2);
  const auto& origin = conn_.options().cors_allow_origin;
  // Only browsers send Origin, and only they read CORS headers.
  if (!origin.empty() && !omit_cors_ && req_.find(http::field::origin) != req_.end()) {
    out.append("Access-Control-Allow-Origin: ").append(origin).append("\r\n", 2);
    out.append("Access-Control-Expose-Headers: ").append(exposed_headers).append("\r\n", 2);
  }
  out.append(extra_headers_.lines());
  // 1xx, 204 and 304 answers have no body and say nothing of its length (RFC 9110).
  const bool bodiless = status / 100 == 1 || status == 204 || status == 304;
  if (bodiless) {
  } else if (content_length) {
    out.append("Content-Length: ", 16);
    append_number(out, *content_length);
    out.append("\r\n", 2);
  } else {
    out.append("Transfer-Encoding: chunked\r\n", 28);
  }
  const bool keep = conn_.keep_alive();
  if (version >= 11 && !keep) out.append("Connection: close\r\n", 19);
  if (version < 11 && keep) out.append("Connection: keep-alive\r\n", 24);
  out.append("\r\n", 2);
  return out;
}

task<void> exchange::send_whole(unsigned status, std::string_view own, std::string_view body) {
  if (state_ != state::pending) co_return;
  state_ = state::done;
  answer_starts();
  conn_.set_deadline(conn_.options().limits.write_timeout);
  outside_wait writing(*this);
  const bool bodiless = status / 100 == 1 || status == 204 || status == 304;
  if (bodiless) body = {};
  const std::string_view head = make_head(status, own, body.size());
  // A HEAD answer says how long the body would be and sends none.
  if (req_.method() == http::verb::head) body = {};
  const std::array message{net::const_buffer(head.data(), head.size()),
                           net::const_buffer(body.data(), body.size())};
  auto [ec, n] = co_await conn_.visit_stream(
      [&](auto& stream) { return net::async_write(stream, message, use_nothrow); });
  conn_.clear_deadline();
  if (ec) conn_.set_keep_alive(false);
}

task<void> exchange::respond(http_response response) {
  const std::string own = lines_of(response.base());
  co_await send_whole(response.result_int(), own, response.body());
}

task<void> exchange::respond_static(http_response head, std::string_view body) {
  const std::string own = lines_of(head.base());
  co_await send_whole(head.result_int(), own, body);
}

task<void> exchange::respond(http::status status, std::string body, std::string_view content_type) {
  std::string own;
  own.reserve(16 + content_type.size());
  own.append("Content-Type: ", 14).append(content_type).append("\r\n", 2);
  co_await send_whole(static_cast<unsigned>(status), own, body);
}

task<bool> exchange::begin_stream(http::status status, http_fields fields) {
  const std::string own = lines_of(fields);
  co_return co_await begin_stream(status, std::string_view(own));
}

task<bool> exchange::begin_stream(http::status status, std::string_view header_lines) {
  if (state_ != state::pending) co_return false;
  state_ = state::streaming;
  conn_.release_request_buffer();
  answer_starts();
  conn_.set_deadline(conn_.options().limits.write_timeout);
  outside_wait writing(*this);
  const std::string_view head =
      make_head(static_cast<unsigned>(status), header_lines, std::nullopt);
  auto [ec, n] = co_await conn_.visit_stream([&](auto& stream) {
    return net::async_write(stream, net::buffer(head.data(), head.size()), use_nothrow);
  });
  conn_.clear_deadline();
  // A stream ends its connection: the head's buffer is not needed again.
  conn_.head_buffer() = std::string();
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

task<void> exchange::wait_shutdown() {
  co_await conn_.wait_drain();
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
