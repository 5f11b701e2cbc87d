#include "gateway/base/http_head.hpp"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/serializer.hpp>
#include <string>

namespace keygate::http_head_test {
namespace {

namespace http = boost::beast::http;

// The head as Beast's serializer writes it.
template <bool is_request>
std::string beast_head(http::message<is_request, http::empty_body> message) {
  http::serializer<is_request, http::empty_body> serializer(message);
  serializer.split(true);
  std::string out;
  boost::beast::error_code ec;
  while (!serializer.is_header_done()) {
    serializer.next(ec, [&](boost::beast::error_code&, const auto& buffers) {
      out += boost::beast::buffers_to_string(buffers);
      serializer.consume(boost::asio::buffer_size(buffers));
    });
    if (ec) throw boost::system::system_error(ec);
  }
  return out;
}

TEST(HttpHead, RequestReadsAsBeastWritesIt) {
  http::request<http::empty_body> request{http::verb::post, "/v1/chat/completions?x=1", 11};
  request.set(http::field::host, "api.example.com");
  request.set("authorization", "Bearer sk-1");
  request.set("x-Custom", "a b");
  request.content_length(42);
  const auto head = http_head(request.base());
  EXPECT_EQ(head, beast_head(request));
  EXPECT_EQ(head.substr(0, head.find("\r\n")), "POST /v1/chat/completions?x=1 HTTP/1.1");
  EXPECT_TRUE(head.ends_with("\r\n\r\n"));
}

TEST(HttpHead, ResponseReadsAsBeastWritesIt) {
  for (auto status : {http::status::ok, http::status::not_found, http::status::too_many_requests,
                      http::status::service_unavailable}) {
    http::response<http::empty_body> response{status, 11};
    response.set(http::field::content_type, "application/json");
    response.set("x-request-id", "req_1");
    response.keep_alive(false);
    EXPECT_EQ(http_head(response.base()), beast_head(response));
  }
  http::response<http::empty_body> old{http::status::ok, 10};
  old.reason("Fine");
  EXPECT_EQ(http_head(old.base()), beast_head(old));
  EXPECT_TRUE(http_head(old.base()).starts_with("HTTP/1.0 200 Fine\r\n"));
}

}  // namespace
}  // namespace keygate::http_head_test
