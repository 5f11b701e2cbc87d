#include "gateway/upstream/upstream_client.hpp"

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/read.hpp>
#include <unordered_map>

#include "gateway/upstream/connection_pool.hpp"
#include "gateway/upstream/lazy_client_tls.hpp"
#include "gateway/upstream/request_head.hpp"
#include "gateway/upstream/tls_peer_name.hpp"
#include "gateway/upstream/upstream_connection.hpp"

namespace keygate {

namespace {

namespace http = beast::http;
using tcp = net::ip::tcp;
using clock = std::chrono::steady_clock;
using error_code = boost::system::error_code;

constexpr auto dns_ttl = std::chrono::seconds(30);
const std::string user_agent = "keygate/" KEYGATE_VERSION;

// A server may close an idle keep-alive connection just as we reuse it; the request then meets
// EOF or a reset before any response byte, and is safe to send again on a fresh connection.
bool is_stale_connection_error(const error_code& ec) {
  return ec == http::error::end_of_stream || ec == net::error::eof ||
         ec == net::error::connection_reset || ec == net::error::broken_pipe;
}

upstream_failure classify_read_error(const error_code& ec, clock::time_point deadline,
                                     clock::time_point total_deadline, upstream_failure timeout) {
  if (ec == beast::error::timeout)
    return deadline >= total_deadline ? upstream_failure::total_timeout : timeout;
  const error_code http_eof = http::error::end_of_stream;
  if (ec.category() == http_eof.category() && ec != http::error::end_of_stream &&
      ec != http::error::partial_message)
    return ec == http::error::body_limit ? upstream_failure::too_large : upstream_failure::protocol;
  return upstream_failure::connection_lost;
}

}  // namespace

bool is_timeout(upstream_failure failure) {
  return failure == upstream_failure::connect_timeout ||
         failure == upstream_failure::first_byte_timeout ||
         failure == upstream_failure::between_chunks_timeout ||
         failure == upstream_failure::total_timeout;
}

std::string_view describe(upstream_failure failure) {
  switch (failure) {
    case upstream_failure::none:
      return "no failure";
    case upstream_failure::resolve:
      return "the upstream host name could not be resolved";
    case upstream_failure::connect:
      return "the upstream could not be reached";
    case upstream_failure::connect_timeout:
      return "connecting to the upstream timed out";
    case upstream_failure::first_byte_timeout:
      return "the upstream did not answer in time";
    case upstream_failure::between_chunks_timeout:
      return "the upstream stopped sending";
    case upstream_failure::total_timeout:
      return "the upstream request took too long";
    case upstream_failure::connection_lost:
      return "the upstream connection was lost";
    case upstream_failure::protocol:
      return "the upstream sent an invalid HTTP response";
    case upstream_failure::too_large:
      return "the upstream response is too large";
  }
  return "unknown failure";
}

upstream_connection_counts count_upstream_connections() {
  return {upstream_connection::open_count.load(), upstream_connection::idle_count.load()};
}

// ---- upstream_response ----

upstream_response::upstream_response(std::unique_ptr<upstream_connection> conn,
                                     connection_pool& pool, clock::time_point first_byte_deadline,
                                     clock::time_point total_deadline,
                                     const upstream_timeouts& timeouts)
    : conn_(std::move(conn)),
      pool_(pool),
      first_byte_deadline_(first_byte_deadline),
      total_deadline_(total_deadline),
      timeouts_(timeouts) {}

upstream_response::~upstream_response() {
  if (conn_ && !discard_ && failure_ == upstream_failure::none && complete() &&
      conn_->parser->keep_alive())
    pool_.release(std::move(conn_));
}

unsigned upstream_response::status() const {
  return conn_->parser->get().result_int();
}

const http::fields& upstream_response::headers() const {
  return conn_->parser->get().base();
}

bool upstream_response::complete() const {
  return conn_->parser->is_done();
}

void upstream_response::discard() {
  discard_ = true;
}

task<std::string_view> upstream_response::read_some() {
  auto& parser = *conn_->parser;
  while (failure_ == upstream_failure::none && !parser.is_done()) {
    auto& body = parser.get().body();
    body.data = conn_->body_buffer.data();
    body.size = conn_->body_buffer.size();
    const auto deadline = body_started_
                              ? std::min(clock::now() + timeouts_.between_chunks, total_deadline_)
                              : first_byte_deadline_;
    conn_->lowest().expires_at(deadline);
    auto [ec, n] = co_await conn_->visit([&](auto& stream) {
      return http::async_read_some(stream, conn_->buffer, parser, use_nothrow);
    });
    if (ec == http::error::need_buffer) ec = {};
    if (ec) {
      failure_ = classify_read_error(ec, deadline, total_deadline_,
                                     body_started_ ? upstream_failure::between_chunks_timeout
                                                   : upstream_failure::first_byte_timeout);
      failure_detail_ = ec.message();
      co_return std::string_view{};
    }
    const std::size_t got = conn_->body_buffer.size() - body.size;
    if (got > 0) {
      body_started_ = true;
      co_return std::string_view(conn_->body_buffer.data(), got);
    }
  }
  co_return std::string_view{};
}

task<bool> upstream_response::read_all(std::string& out) {
  for (;;) {
    auto piece = co_await read_some();
    if (piece.empty()) co_return failure_ == upstream_failure::none;
    out.append(piece);
  }
}

// ---- upstream_client ----

struct upstream_client::impl {
  struct resolved {
    tcp::resolver::results_type endpoints;
    clock::time_point expires;
  };

  net::io_context& io;
  upstream_options options;
  lazy_client_tls tls_context;
  connection_pool pool;
  tcp::resolver resolver;
  std::unordered_map<std::string, resolved> dns;

  impl(net::io_context& io_, const upstream_options& opts)
      : io(io_),
        options(opts),
        tls_context(opts.ca_file.empty(), opts.ca_file),
        pool(opts.max_idle_per_host, opts.idle_timeout),
        resolver(io_) {}

  task<upstream_result> connect(const upstream_endpoint& ep, clock::time_point deadline,
                                std::unique_ptr<upstream_connection>& out);
  task<upstream_result> send_once(const upstream_endpoint& ep, const upstream_request& request,
                                  const upstream_timeouts& timeouts,
                                  clock::time_point total_deadline, bool allow_pooled,
                                  bool& retry_fresh);
};

task<upstream_result> upstream_client::impl::connect(const upstream_endpoint& ep,
                                                     clock::time_point deadline,
                                                     std::unique_ptr<upstream_connection>& out) {
  auto now = clock::now();
  auto cached = dns.find(ep.pool_key);
  if (cached == dns.end() || cached->second.expires < now) {
    auto [ec, results] =
        co_await resolver.async_resolve(ep.host, std::to_string(ep.port), use_nothrow);
    if (ec) co_return upstream_result{nullptr, upstream_failure::resolve, ec.message()};
    cached = dns.insert_or_assign(ep.pool_key, resolved{results, now + dns_ttl}).first;
  }

  std::unique_ptr<upstream_connection> conn;
  if (ep.tls) {
    std::string tls_error;
    net::ssl::context* tls = tls_context.get(tls_error);
    if (!tls) co_return upstream_result{nullptr, upstream_failure::connect, tls_error};
    conn = std::make_unique<upstream_connection>(io.get_executor(), *tls, ep.pool_key);
  } else {
    conn = std::make_unique<upstream_connection>(io.get_executor(), ep.pool_key);
  }
  conn->lowest().expires_at(deadline);
  auto [ec, endpoint] =
      co_await conn->lowest().async_connect(cached->second.endpoints, use_nothrow);
  if (ec) {
    dns.erase(ep.pool_key);  // the address may have moved
    auto failure =
        ec == beast::error::timeout ? upstream_failure::connect_timeout : upstream_failure::connect;
    co_return upstream_result{nullptr, failure, ec.message()};
  }
  if (ep.tls) {
    auto& tls = conn->tls();
    // With tls_verify: false the name is still sent, and nothing the check finds is enforced.
    if (!expect_peer_name(tls.native_handle(), ep.host))
      co_return upstream_result{nullptr, upstream_failure::connect,
                                "cannot set up the TLS name check for " + ep.host};
    if (!ep.verify_tls) tls.set_verify_mode(net::ssl::verify_none);
    auto [hs_ec] = co_await tls.async_handshake(net::ssl::stream_base::client, use_nothrow);
    if (hs_ec) {
      auto failure = hs_ec == beast::error::timeout ? upstream_failure::connect_timeout
                                                    : upstream_failure::connect;
      co_return upstream_result{
          nullptr, failure,
          "TLS handshake failed: " + hs_ec.message() + certificate_refusal(tls.native_handle())};
    }
  }
  out = std::move(conn);
  co_return upstream_result{};
}

task<upstream_result> upstream_client::impl::send_once(const upstream_endpoint& ep,
                                                       const upstream_request& request,
                                                       const upstream_timeouts& timeouts,
                                                       clock::time_point total_deadline,
                                                       bool allow_pooled, bool& retry_fresh) {
  retry_fresh = false;
  std::unique_ptr<upstream_connection> conn = allow_pooled ? pool.acquire(ep.pool_key) : nullptr;
  if (!conn) {
    auto connect_deadline = std::min(clock::now() + timeouts.connect, total_deadline);
    auto result = co_await connect(ep, connect_deadline, conn);
    if (!conn) {
      if (result.failure == upstream_failure::connect_timeout && connect_deadline == total_deadline)
        result.failure = upstream_failure::total_timeout;
      co_return result;
    }
  }

  std::vector<net::const_buffer> message;
  message.reserve(request.body_pieces.size() + 2);
  const std::string head = upstream_request_head(request, ep.host_header, user_agent);
  message.emplace_back(head.data(), head.size());
  if (request.body_pieces.empty())
    message.emplace_back(request.body.data(), request.body.size());
  else
    for (const auto piece : request.body_pieces) message.emplace_back(piece.data(), piece.size());

  const auto deadline = std::min(clock::now() + timeouts.first_byte, total_deadline);
  conn->lowest().expires_at(deadline);
  auto [write_ec, written] = co_await conn->visit(
      [&](auto& stream) { return net::async_write(stream, message, use_nothrow); });
  auto& parser = conn->parser.emplace();
  parser.body_limit(options.max_response_bytes);
  error_code ec = write_ec;
  if (!ec) {
    std::size_t n;
    std::tie(ec, n) = co_await conn->visit([&](auto& stream) {
      return http::async_read_header(stream, conn->buffer, parser, use_nothrow);
    });
  }
  if (ec) {
    if (conn->reused && !parser.got_some() && is_stale_connection_error(ec)) {
      retry_fresh = true;
      co_return upstream_result{};
    }
    auto failure =
        classify_read_error(ec, deadline, total_deadline, upstream_failure::first_byte_timeout);
    co_return upstream_result{nullptr, failure, ec.message()};
  }
  co_return upstream_result{std::make_unique<upstream_response>(std::move(conn), pool, deadline,
                                                                total_deadline, timeouts),
                            upstream_failure::none,
                            {}};
}

upstream_client::upstream_client(net::io_context& io, const upstream_options& options)
    : impl_(std::make_unique<impl>(io, options)) {}

upstream_client::~upstream_client() = default;

task<upstream_result> upstream_client::send(const upstream_endpoint& endpoint,
                                            const upstream_request& request,
                                            const upstream_timeouts& timeouts) {
  const auto total_deadline = clock::now() + timeouts.total;
  bool retry_fresh = false;
  auto result =
      co_await impl_->send_once(endpoint, request, timeouts, total_deadline, true, retry_fresh);
  if (retry_fresh)
    result =
        co_await impl_->send_once(endpoint, request, timeouts, total_deadline, false, retry_fresh);
  co_return result;
}

std::size_t upstream_client::idle_connections() const {
  return impl_->pool.idle_count();
}

}  // namespace keygate
