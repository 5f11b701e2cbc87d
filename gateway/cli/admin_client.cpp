#include "gateway/cli/admin_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>

#include "gateway/base/net.hpp"
#include "gateway/upstream/tls_peer_name.hpp"

namespace keygate::cli {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

struct parsed_url {
  bool tls = false;
  std::string host;
  std::string port;
  std::string prefix;  // without a trailing slash
};

parsed_url parse_url(const std::string& text) {
  auto url = boost::urls::parse_uri(text);
  if (!url || (url->scheme() != "http" && url->scheme() != "https") || url->host().empty())
    throw cli_error("--url " + text +
                    ": must look like http://127.0.0.1:4000 or https://host:port");
  parsed_url out;
  out.tls = url->scheme() == "https";
  out.host = url->host_address();
  out.port = url->has_port() ? std::string(url->port()) : (out.tls ? "443" : "80");
  out.prefix = url->encoded_path();
  while (!out.prefix.empty() && out.prefix.back() == '/') out.prefix.pop_back();
  return out;
}

std::string unreachable(const admin_target& target, const boost::system::error_code& ec,
                        const char* step) {
  std::string message =
      "cannot reach keygate at " + target.url + " (" + step + ": " + ec.message() + ")";
  if (ec == net::error::connection_refused)
    message += ": is it running? Point --url or KEYGATE_URL at it";
  else if (ec == beast::error::timeout)
    message += ": no answer in time";
  return message;
}

template <class Stream>
task<void> exchange(Stream& stream, http::request<http::string_body>& req, admin_reply& reply,
                    boost::system::error_code& error) {
  auto [ec, n] = co_await http::async_write(stream, req, use_nothrow);
  if (ec) {
    error = ec;
    co_return;
  }
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  std::tie(ec, n) = co_await http::async_read(stream, buffer, res, use_nothrow);
  if (ec) {
    error = ec;
    co_return;
  }
  reply.status = res.result_int();
  reply.body = std::move(res.body());
}

}  // namespace

admin_reply admin_request(const admin_target& target, const std::string& method,
                          const std::string& path, const std::string& body) {
  const auto url = parse_url(target.url);
  net::io_context io;
  net::ssl::context tls(net::ssl::context::tls_client);
  if (url.tls) {
    tls.set_default_verify_paths();
    if (!target.ca_file.empty()) tls.load_verify_file(target.ca_file);
    tls.set_verify_mode(net::ssl::verify_peer);
  }
  http::request<http::string_body> req{http::string_to_verb(method), url.prefix + path, 11};
  req.set(http::field::host, url.host);
  req.set(http::field::authorization, "Bearer " + target.master_key);
  req.set(http::field::user_agent, "keygate-cli");
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();

  admin_reply reply;
  std::string failure;
  auto run = [&]() -> task<void> {
    tcp::resolver resolver(io);
    auto [rec, endpoints] = co_await resolver.async_resolve(url.host, url.port, use_nothrow);
    if (rec) {
      failure = unreachable(target, rec, "resolve");
      co_return;
    }
    beast::tcp_stream tcp_stream(io);
    tcp_stream.expires_after(target.timeout);
    auto [cec, ep] = co_await tcp_stream.async_connect(endpoints, use_nothrow);
    if (cec) {
      failure = unreachable(target, cec, "connect");
      co_return;
    }
    boost::system::error_code ec;
    if (!url.tls) {
      co_await exchange(tcp_stream, req, reply, ec);
    } else {
      beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp_stream), tls);
      if (!expect_peer_name(stream.native_handle(), url.host)) {
        failure = "cannot set up the TLS name check for " + url.host;
        co_return;
      }
      std::tie(ec) = co_await stream.async_handshake(net::ssl::stream_base::client, use_nothrow);
      if (ec) {
        failure =
            unreachable(target, ec, "TLS handshake") + certificate_refusal(stream.native_handle());
        co_return;
      }
      co_await exchange(stream, req, reply, ec);
    }
    if (ec) failure = unreachable(target, ec, "exchange");
  };
  net::co_spawn(io, run(), net::detached);
  io.run();
  if (!failure.empty()) throw cli_error(failure);
  return reply;
}

std::string describe_failure(const admin_target& target, const admin_reply& reply) {
  std::string message;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(reply.body, ec);
  if (!ec && parsed.is_object())
    if (auto* error = parsed.as_object().if_contains("error"); error && error->is_object())
      if (auto* m = error->as_object().if_contains("message"); m && m->is_string())
        message = m->as_string();
  std::string out = "keygate at " + target.url + " answered " + std::to_string(reply.status);
  if (!message.empty()) out += ": " + message;
  if (reply.status == 401)
    out += "\nThe master key was not accepted: pass --master-key or set KEYGATE_MASTER_KEY.";
  else if (reply.status == 403)
    out += "\nThis key is not the master key (auth.master_key in keygate's config).";
  return out;
}

}  // namespace keygate::cli
