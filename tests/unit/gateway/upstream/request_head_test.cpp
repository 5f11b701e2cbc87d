#include "gateway/upstream/request_head.hpp"

#include <gtest/gtest.h>

#include <boost/beast/http/span_body.hpp>

#include "gateway/base/http_head.hpp"

namespace keygate::request_head_test {
namespace {

namespace http = boost::beast::http;

// The head as Beast's message would have it: a copy of the request's fields, Host, User-Agent
// unless set, keep-alive, and the payload prepared.
std::string beast_head(const upstream_request& request, std::string_view host) {
  http::request<http::span_body<const char>> msg{request.method, request.target, 11};
  for (const auto& field : request.headers) msg.set(field.name_string(), field.value());
  msg.set(http::field::host, host);
  if (msg.find(http::field::user_agent) == msg.end()) msg.set(http::field::user_agent, "agent/1");
  msg.body() = {request.body.data(), request.body.size()};
  msg.keep_alive(true);
  msg.prepare_payload();
  if (!request.body_pieces.empty()) {
    std::size_t length = 0;
    for (const auto piece : request.body_pieces) length += piece.size();
    msg.content_length(length);
  }
  return http_head(msg.base());
}

TEST(UpstreamRequestHead, WritesWhatBeastsMessageWrote) {
  upstream_request chat;
  chat.target = "/v1/chat/completions";
  chat.headers.set(http::field::authorization, "Bearer sk-test");
  chat.headers.set(http::field::content_type, "application/json");
  chat.headers.set(http::field::accept, "application/json");
  chat.headers.set("anthropic-version", "2023-06-01");
  chat.body = R"({"model":"m"})";
  EXPECT_EQ(upstream_request_head(chat, "api.example.com", "agent/1"),
            beast_head(chat, "api.example.com"));
  EXPECT_EQ(upstream_request_head(chat, "h", "agent/1"),
            "POST /v1/chat/completions HTTP/1.1\r\nAuthorization: Bearer sk-test\r\n"
            "Content-Type: application/json\r\nAccept: application/json\r\n"
            "anthropic-version: 2023-06-01\r\nHost: h\r\nUser-Agent: agent/1\r\n"
            "Content-Length: 13\r\n\r\n");
}

TEST(UpstreamRequestHead, AnEmptyGetHasNoContentLengthAnEmptyPostHasZero) {
  upstream_request get;
  get.method = http::verb::get;
  get.target = "/v1/models";
  EXPECT_EQ(upstream_request_head(get, "h", "agent/1"), beast_head(get, "h"));
  EXPECT_EQ(upstream_request_head(get, "h", "agent/1").find("Content-Length"), std::string::npos);
  upstream_request post;
  post.target = "/x";
  EXPECT_EQ(upstream_request_head(post, "h", "agent/1"), beast_head(post, "h"));
  EXPECT_NE(upstream_request_head(post, "h", "agent/1").find("Content-Length: 0\r\n"),
            std::string::npos);
}

TEST(UpstreamRequestHead, PiecesGiveTheLengthAndTheRequestsOwnHostAndLengthGo) {
  upstream_request upload;
  upload.target = "/v1/audio/transcriptions";
  upload.headers.set(http::field::host, "wrong.example");
  upload.headers.set(http::field::content_length, "999");
  upload.headers.set(http::field::user_agent, "client/2");
  upload.headers.set(http::field::content_type, "multipart/form-data; boundary=b");
  const std::string first = "--b\r\n", second = "data--b--\r\n";
  upload.body_pieces = {first, second};
  const auto head = upstream_request_head(upload, "right.example", "agent/1");
  EXPECT_EQ(head, beast_head(upload, "right.example"));
  EXPECT_NE(head.find("Host: right.example\r\n"), std::string::npos);
  EXPECT_EQ(head.find("wrong.example"), std::string::npos);
  EXPECT_NE(head.find("Content-Length: 16\r\n"), std::string::npos);
  EXPECT_NE(head.find("User-Agent: client/2\r\n"), std::string::npos);
  EXPECT_EQ(head.find("agent/1"), std::string::npos);
}

}  // namespace
}  // namespace keygate::request_head_test
