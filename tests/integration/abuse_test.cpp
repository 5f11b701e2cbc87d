// Hostile or broken clients: each gets a clean answer (or a clean close), the upstream is not left
// working for nobody, and the server keeps serving everyone else.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <boost/asio.hpp>
#include <boost/json.hpp>
#include <fstream>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::abuse_test {
namespace {

namespace json = boost::json;
namespace net = boost::asio;

class Abuse : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    env = new gateway_fixture(standard_models() + model_entry("endless", "fake-gpt@tokens=200000") +
                                  "  - name: claude\n    provider: anthropic\n"
                                  "    model: claude-fake\n    api_base: FAKE\n"
                                  "    api_key: test-key\n",
                              "  limits:\n    write_timeout_ms: 500\n");
  }
  static void TearDownTestSuite() { delete env; }
  void TearDown() override {
    EXPECT_EQ(post_json(env->port(), "/v1/chat/completions", chat_body("gpt")).status, 200)
        << "still serving";
  }
  static gateway_fixture* env;
};
gateway_fixture* Abuse::env = nullptr;

std::string error_code(const http_reply& reply) {
  return std::string(json::parse(reply.body).at("error").at("code").as_string());
}

std::string nested(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') + "1" +
         std::string(static_cast<std::size_t>(depth), ']');
}

TEST_F(Abuse, DeeplyNestedContentIs400) {
  for (const char* model : {"gpt", "claude"}) {
    const std::string body = R"({"model":")" + std::string(model) +
                             R"(","messages":[{"role":"user","content":)" + nested(100000) + "}]}";
    auto reply = post_json(env->port(), "/v1/chat/completions", body);
    EXPECT_EQ(reply.status, 400) << reply.body.substr(0, 300);
    EXPECT_EQ(error_code(reply), "invalid_type") << model;
  }
}

// A JSON schema whose properties nest `levels` deep (two JSON levels each).
std::string structured_output_request(int levels) {
  // Built front and back in one pass: wrapping the schema level by level copies it each time.
  std::string schema;
  for (int i = 0; i < levels; ++i) schema += R"({"type":"object","properties":{"a":)";
  schema += R"({"type":"string"})";
  schema.append(2 * static_cast<std::size_t>(levels), '}');
  return R"({"model":"claude","messages":[{"role":"user","content":"hi"}],)"
         R"("response_format":{"type":"json_schema","json_schema":{"name":"deep","schema":)" +
         schema + "}}}";
}

// A translated provider reads the whole request as a tree: past its depth limit the request is
// refused with a 400 at once (a parse failure there used to leave the request hanging).
TEST_F(Abuse, DeeplyNestedParametersForATranslatedProviderAre400) {
  for (int levels : {200, 20000}) {
    auto reply = post_json(env->port(), "/v1/chat/completions", structured_output_request(levels));
    EXPECT_EQ(reply.status, 400) << reply.body.substr(0, 300);
    EXPECT_EQ(error_code(reply), "invalid_json") << levels;
  }
  // Real schemas nest deeper than boost::json's default of 32 levels.
  auto reply = post_json(env->port(), "/v1/chat/completions", structured_output_request(30));
  EXPECT_EQ(reply.status, 200) << reply.body.substr(0, 300);
}

TEST_F(Abuse, InvalidUtf8Is400) {
  const std::string body =
      "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"a\xff\xfe"
      "b\"}]}";
  auto reply = post_json(env->port(), "/v1/chat/completions", body);
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(error_code(reply), "invalid_json");
}

TEST_F(Abuse, PipelinedRequestsAreAnsweredInOrder) {
  const std::string chat = chat_body("gpt-4tok");
  const std::string bytes =
      "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(chat.size()) + "\r\n\r\n" + chat +
      "GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const std::string raw = raw_exchange(env->port(), bytes, std::chrono::seconds(3));
  const auto first = raw.find("HTTP/1.1 200");
  const auto second = raw.find("chat.completion", first);
  const auto third = raw.find("HTTP/1.1 404", second);
  EXPECT_NE(first, std::string::npos) << raw;
  EXPECT_NE(second, std::string::npos) << raw;
  EXPECT_NE(third, std::string::npos) << raw;
}

// The client sends a stream request and never reads: the socket buffers fill, the write times out,
// the gateway closes the client and cancels the upstream stream instead of buffering it.
TEST_F(Abuse, AClientThatNeverReadsIsCutAndItsUpstreamCancelled) {
  const long cancelled_before = fake_stat(*env, "streams_cancelled");
  net::io_context io;
  net::ip::tcp::socket socket(io);
  socket.open(net::ip::tcp::v4());
  socket.set_option(net::socket_base::receive_buffer_size(4096));
  socket.connect({net::ip::make_address("127.0.0.1"), env->port()});
  const std::string body = chat_body("endless", true);
  const std::string request =
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  net::write(socket, net::buffer(request));

  eventually([&] { return fake_stat(*env, "streams_cancelled") > cancelled_before; },
             std::chrono::seconds(10));
  EXPECT_EQ(fake_stat(*env, "streams_cancelled"), cancelled_before + 1)
      << "the upstream stream is cancelled";
  EXPECT_EQ(fake_stat(*env, "streams_active"), 0);
  const auto conns = json::parse(http_call(env->port(), "GET", "/health/ready").body)
                         .at("upstream_connections")
                         .as_object();
  EXPECT_EQ(conns.at("open").as_int64(), conns.at("idle").as_int64()) << "none left in use";
}

}  // namespace
}  // namespace keygate::testing::abuse_test
