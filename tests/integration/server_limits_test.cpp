// The listener's limits: each answered cleanly, and the server keeps serving afterwards.
#include <gtest/gtest.h>

#include <boost/asio.hpp>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::server_limits_test {
namespace {

const std::string tight_limits =
    "  limits:\n    max_header_bytes: 2048\n    max_body_bytes: 4096\n"
    "    header_timeout_ms: 300\n    idle_timeout_ms: 600\n    max_connections: 6\n";

class Limits : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env = new gateway_fixture(standard_models(), tight_limits); }
  static void TearDownTestSuite() { delete env; }
  void TearDown() override {
    EXPECT_EQ(http_call(env->port(), "GET", "/health").status, 200) << "still serving";
  }
  static gateway_fixture* env;
};
gateway_fixture* Limits::env = nullptr;

int status_of(const std::string& raw) {
  if (raw.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::stoi(raw.substr(9, 3));
}

TEST_F(Limits, OversizedHeadersAre431) {
  std::string request =
      "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n";
  EXPECT_EQ(status_of(raw_exchange(env->port(), request, std::chrono::seconds(2))), 431);
}

TEST_F(Limits, OversizedBodyIs413BeforeItIsSent) {
  std::string head =
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 100000\r\n\r\n";
  auto reply = raw_exchange(env->port(), head, std::chrono::seconds(2));
  EXPECT_EQ(status_of(reply), 413);
  EXPECT_NE(reply.find("request_too_large"), std::string::npos);
}

TEST_F(Limits, TrickledHeadersGet408) {
  auto start = std::chrono::steady_clock::now();
  auto reply =
      raw_exchange(env->port(), "GET /health HTTP/1.1\r\nHost: x\r\n", std::chrono::seconds(3));
  EXPECT_EQ(status_of(reply), 408);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST_F(Limits, MalformedRequestLineIs400) {
  auto reply = raw_exchange(env->port(), "NOT A REQUEST\r\n\r\n", std::chrono::seconds(2));
  EXPECT_EQ(status_of(reply), 400);
}

TEST_F(Limits, ConflictingLengthHeadersAreRejected) {
  std::string request =
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
  EXPECT_EQ(status_of(raw_exchange(env->port(), request, std::chrono::seconds(2))), 400);
}

TEST_F(Limits, IdleKeepAliveConnectionsAreClosed) {
  auto start = std::chrono::steady_clock::now();
  auto reply =
      raw_exchange(env->port(), "GET /health HTTP/1.1\r\nHost: x\r\n\r\n", std::chrono::seconds(5));
  EXPECT_EQ(status_of(reply), 200);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_GE(took, std::chrono::milliseconds(500));
  EXPECT_LT(took, std::chrono::milliseconds(3000)) << "closed by the idle timeout, not the test";
}

TEST_F(Limits, KeepAliveServesManyRequestsOnOneConnection) {
  std::string two =
      "GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/models HTTP/1.1\r\nHost: x\r\n"
      "Connection: close\r\n\r\n";
  auto reply = raw_exchange(env->port(), two, std::chrono::seconds(2));
  EXPECT_EQ(status_of(reply), 200);
  EXPECT_NE(reply.find("\"object\":\"list\""), std::string::npos) << "the pipelined second answer";
}

TEST_F(Limits, ConnectionsPastTheLimitGet503) {
  namespace net = boost::asio;
  net::io_context io;
  const pid_t pid = env->gateway->pid();
  const auto port = env->port();
  const auto none = [&] { return accepted_connections(pid, port) == 0; };
  const auto six = [&] { return accepted_connections(pid, port) == 6; };
  // Each try holds six fresh connections and, once keygate has accepted all six, asks for a
  // seventh. A try misses when the six reach their 300 ms header timeout first (a slow machine).
  std::string reply;
  eventually(
      [&] {
        // A connection of an earlier test or try takes a slot until keygate has closed it.
        if (!eventually(none)) return false;
        std::vector<net::ip::tcp::socket> held;
        for (int i = 0; i < 6; ++i) {
          held.emplace_back(io);
          held.back().connect({net::ip::make_address("127.0.0.1"), port});
        }
        // A connect returns once the kernel has the connection, before keygate accepted it.
        if (!eventually(six, std::chrono::milliseconds(300))) return false;
        reply = raw_exchange(port, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                             std::chrono::seconds(2));
        return status_of(reply) == 503;
      },
      std::chrono::seconds(3));
  EXPECT_EQ(status_of(reply), 503);
  EXPECT_NE(reply.find("too_many_connections"), std::string::npos);
  EXPECT_TRUE(eventually(none)) << "the held connections are closed before the next test";
}

}  // namespace
}  // namespace keygate::testing::server_limits_test
