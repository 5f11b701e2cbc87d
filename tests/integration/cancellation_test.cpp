// A client that hangs up cancels its upstream request at once, and the gateway keeps nothing open.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/json.hpp>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::cancellation_test {
namespace {

namespace json = boost::json;
namespace net = boost::asio;
using std::chrono::milliseconds;

json::object upstream_connections(const gateway_fixture& env) {
  return json::parse(http_call(env.port(), "GET", "/health/ready").body)
      .at("upstream_connections")
      .as_object();
}

// A chat request on a connection of its own, which the test closes when it chooses.
class caller {
 public:
  caller(unsigned short port, const std::string& body) : socket_(io_) {
    socket_.connect({net::ip::make_address("127.0.0.1"), port});
    net::write(socket_, net::buffer("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                                    "Content-Type: application/json\r\nContent-Length: " +
                                    std::to_string(body.size()) + "\r\n\r\n" + body));
    socket_.non_blocking(true);
  }
  // Whether the answer so far comes to hold `text`.
  bool has_read(const std::string& text) {
    return eventually([&] {
      char chunk[4096];
      boost::system::error_code ec;
      const auto n = socket_.read_some(net::buffer(chunk), ec);
      if (!ec) answer_.append(chunk, n);
      return answer_.find(text) != std::string::npos;
    });
  }
  void hang_up() { socket_.close(); }

 private:
  net::io_context io_;
  net::ip::tcp::socket socket_;
  std::string answer_;
};

bool logged_client_gone(const gateway_fixture& env) {
  return env.gateway->log().find("\"client_gone\":true") != std::string::npos;
}

TEST(Cancellation, HangingUpMidStreamStopsTheUpstreamStream) {
  gateway_fixture env(model_entry("long", "fake-gpt@itl=100,tokens=100"));
  caller client(env.port(), chat_body("long", true));
  ASSERT_TRUE(client.has_read("tok0"));
  ASSERT_EQ(fake_stat(env, "streams_active"), 1);
  client.hang_up();
  eventually(
      [&] {
        return fake_stat(env, "streams_cancelled") == 1 &&
               upstream_connections(env).at("open").as_int64() == 0;
      },
      milliseconds(3000));
  EXPECT_EQ(fake_stat(env, "streams_active"), 0) << "the fake is no longer streaming";
  EXPECT_EQ(fake_stat(env, "streams_cancelled"), 1);
  auto conns = upstream_connections(env);
  EXPECT_EQ(conns.at("open").as_int64(), conns.at("idle").as_int64());
  EXPECT_EQ(conns.at("open").as_int64(), 0) << "the cut connection is not pooled";
}

TEST(Cancellation, HangingUpBeforeTheAnswerClosesTheUpstreamConnection) {
  gateway_fixture env(model_entry("slow", "fake-gpt@latency=3000"));
  caller client(env.port(), chat_body("slow"));
  ASSERT_TRUE(eventually([&] { return fake_stat(env, "requests_active") == 1; }))
      << "the request reaches the fake";
  client.hang_up();
  eventually(
      [&] {
        return logged_client_gone(env) && upstream_connections(env).at("open").as_int64() == 0;
      },
      milliseconds(1500));
  auto conns = upstream_connections(env);
  EXPECT_EQ(conns.at("open").as_int64(), 0) << "closed long before the 3 s answer";
  EXPECT_TRUE(logged_client_gone(env));
}

TEST(Cancellation, TokensStreamedBeforeTheHangUpAreLogged) {
  gateway_fixture env(model_entry("long", "fake-gpt@itl=50,tokens=100"));
  caller client(env.port(), chat_body("long", true));
  ASSERT_TRUE(client.has_read("tok1"));
  client.hang_up();
  eventually([&] { return logged_client_gone(env); }, milliseconds(3000));
  auto log = env.gateway->log();
  auto at = log.find("\"client_gone\":true");
  ASSERT_NE(at, std::string::npos) << log;
  auto line_start = log.rfind('\n', at) + 1;
  auto record = json::parse(log.substr(line_start, log.find('\n', at) - line_start)).as_object();
  EXPECT_GT(record.at("completion_tokens").as_int64(), 0) << "counted from the chunks sent";
}

}  // namespace
}  // namespace keygate::testing::cancellation_test
