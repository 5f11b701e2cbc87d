#include "gateway/images/image_hop.hpp"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "gateway/upstream/tls_peer_name.hpp"

namespace keygate {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using error_code = boost::system::error_code;

const std::string user_agent = "keygate/" KEYGATE_VERSION;
constexpr std::size_t max_header_bytes = std::size_t{16} * 1024;

image_failure failed(std::string message) {
  return {image_problem::download_failed, std::move(message)};
}

image_failure too_large(std::size_t max_bytes) {
  return {image_problem::too_large,
          "The image is larger than " + std::to_string(max_bytes) + " bytes."};
}

image_failure read_failure(const error_code& ec, std::size_t max_bytes) {
  if (ec == http::error::body_limit) return too_large(max_bytes);
  if (ec == beast::error::timeout) return failed("Downloading the image timed out.");
  return failed("Reading the image failed: " + ec.message() + ".");
}

template <class Stream>
task<hop_result> exchange(Stream& stream, const image_location& at, std::size_t max_bytes) {
  http::request<http::empty_body> request{http::verb::get, at.target, 11};
  request.set(http::field::host, at.host_header);
  request.set(http::field::user_agent, user_agent);
  request.set(http::field::accept, "image/png, image/jpeg, image/gif, image/webp");
  request.set(http::field::accept_encoding, "identity");
  request.keep_alive(false);
  auto [write_ec, written] = co_await http::async_write(stream, request, use_nothrow);
  if (write_ec) co_return read_failure(write_ec, max_bytes);

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.header_limit(max_header_bytes);
  parser.body_limit(max_bytes);
  auto [head_ec, head_bytes] =
      co_await http::async_read_header(stream, buffer, parser, use_nothrow);
  if (head_ec) co_return read_failure(head_ec, max_bytes);
  hop_answer answer;
  const auto& head = parser.get();
  answer.status = head.result_int();
  if (is_redirect(answer.status)) {
    if (auto location = head.find(http::field::location); location != head.end())
      answer.location = location->value();
    co_return answer;
  }
  if (answer.status != 200) co_return answer;
  if (auto type = head.find(http::field::content_type); type != head.end())
    answer.content_type = type->value();
  if (parser.content_length() && *parser.content_length() > max_bytes)
    co_return too_large(max_bytes);
  auto [body_ec, body_bytes] = co_await http::async_read(stream, buffer, parser, use_nothrow);
  if (body_ec) co_return read_failure(body_ec, max_bytes);
  answer.body = std::move(parser.get().body());
  co_return answer;
}

}  // namespace

bool is_redirect(unsigned status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

task<hop_result> get_image(net::any_io_executor executor, lazy_client_tls& tls,
                           const image_location& at, std::vector<net::ip::tcp::endpoint> addresses,
                           fetch_limits limits) {
  beast::tcp_stream tcp(executor);
  tcp.expires_at(limits.deadline);
  auto [connect_ec, connected] = co_await tcp.async_connect(addresses, use_nothrow);
  if (connect_ec == beast::error::timeout)
    co_return failed("Connecting to the image server timed out.");
  if (connect_ec) co_return failed("Could not connect to the image server " + at.host + ".");
  if (!at.tls) co_return co_await exchange(tcp, at, limits.max_bytes);

  std::string tls_error;
  net::ssl::context* context = tls.get(tls_error);
  if (!context) co_return failed("The gateway " + tls_error + ".");
  beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp), *context);
  beast::get_lowest_layer(stream).expires_at(limits.deadline);
  if (!expect_peer_name(stream.native_handle(), at.host))
    co_return failed("Could not set up TLS for the image server.");
  auto [handshake_ec] = co_await stream.async_handshake(net::ssl::stream_base::client, use_nothrow);
  if (handshake_ec == beast::error::timeout)
    co_return failed("Connecting to the image server timed out.");
  if (handshake_ec)
    co_return failed("The TLS handshake with the image server failed: " + handshake_ec.message() +
                     certificate_refusal(stream.native_handle()) + ".");
  co_return co_await exchange(stream, at, limits.max_bytes);
}

}  // namespace keygate
