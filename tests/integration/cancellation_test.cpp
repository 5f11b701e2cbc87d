// A client that hangs up cancels its upstream request at once, and the gateway keeps nothing open.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/json.hpp>
#include <thread>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing {
namespace {

namespace json = boost::json;
namespace net = boost::asio;
using std::chrono::milliseconds;

json::object fake_stats(const gateway_fixture& env) {
  return json::parse(http_call(env.fake.port(), "GET", "/fake/stats").body).as_object();
}

json::object upstream_connections(const gateway_fixture& env) {
  return json::parse(http_call(env.port(), "GET", "/health/ready").body)
      .at("upstream_connections")
      .as_object();
}

// Sends a request, waits (for the answer's first bytes first, when asked), then closes the
// connection without reading more.
void hang_up_after(unsigned short port, const std::string& body, milliseconds wait,
                   bool after_first_bytes = false) {
  net::io_context io;
  net::ip::tcp::socket socket(io);
  socket.connect({net::ip::make_address("127.0.0.1"), port});
  std::string request =
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  net::write(socket, net::buffer(request));
  if (after_first_bytes) {
    char first[64];
    socket.read_some(net::buffer(first));
  }
  std::this_thread::sleep_for(wait);
  socket.close();
}

// Polls until `done` holds or `bound` passes (the checks after it then say what went wrong).
template <class Condition>
void wait_until(Condition done, milliseconds bound) {
  const auto give_up = std::chrono::steady_clock::now() + bound;
  while (!done() && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(milliseconds(50));
}

TEST(Cancellation, HangingUpMidStreamStopsTheUpstreamStream) {
  gateway_fixture env(model_entry("long", "fake-gpt@itl=100,tokens=100"));
  hang_up_after(env.port(), chat_body("long", true), milliseconds(300), true);
  wait_until(
      [&] {
        auto conns = upstream_connections(env);
        return fake_stats(env).at("streams_cancelled").as_int64() == 1 &&
               conns.at("open").as_int64() == 0;
      },
      time_limit(milliseconds(3000)));
  auto stats = fake_stats(env);
  EXPECT_EQ(stats.at("streams_active").as_int64(), 0) << "the fake is no longer streaming";
  EXPECT_EQ(stats.at("streams_cancelled").as_int64(), 1);
  auto conns = upstream_connections(env);
  EXPECT_EQ(conns.at("open").as_int64(), conns.at("idle").as_int64());
  EXPECT_EQ(conns.at("open").as_int64(), 0) << "the cut connection is not pooled";
}

TEST(Cancellation, HangingUpBeforeTheAnswerClosesTheUpstreamConnection) {
  gateway_fixture env(model_entry("slow", "fake-gpt@latency=3000"));
  hang_up_after(env.port(), chat_body("slow"), milliseconds(200));
  wait_until(
      [&] {
        return env.gateway->log().find("\"client_gone\":true") != std::string::npos &&
               upstream_connections(env).at("open").as_int64() == 0;
      },
      milliseconds(1500));
  auto conns = upstream_connections(env);
  EXPECT_EQ(conns.at("open").as_int64(), 0) << "closed long before the 3 s answer";
  EXPECT_NE(env.gateway->log().find("\"client_gone\":true"), std::string::npos);
}

TEST(Cancellation, TokensStreamedBeforeTheHangUpAreLogged) {
  gateway_fixture env(model_entry("long", "fake-gpt@itl=50,tokens=100"));
  hang_up_after(env.port(), chat_body("long", true), milliseconds(400), true);
  wait_until([&] { return env.gateway->log().find("\"client_gone\":true") != std::string::npos; },
             time_limit(milliseconds(3000)));
  auto log = env.gateway->log();
  auto at = log.find("\"client_gone\":true");
  ASSERT_NE(at, std::string::npos) << log;
  auto line_start = log.rfind('\n', at) + 1;
  auto record = json::parse(log.substr(line_start, log.find('\n', at) - line_start)).as_object();
  EXPECT_GT(record.at("completion_tokens").as_int64(), 0) << "counted from the chunks sent";
}

}  // namespace
}  // namespace keygate::testing
