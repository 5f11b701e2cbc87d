// Cooldown: failing deployments leave the pool, come back through one probe, and /health/ready
// shows it all.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/json.hpp>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::health_test {
namespace {

namespace json = boost::json;
using std::chrono::milliseconds;

unsigned short free_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

std::string state_of(unsigned short port, const std::string& deployment) {
  auto ready = json::parse(http_call(port, "GET", "/health/ready").body);
  for (auto& model : ready.at("models").as_array())
    for (auto& d : model.at("deployments").as_array())
      if (d.at("id").as_string() == deployment) return std::string(d.at("state").as_string());
  return "missing";
}

const std::string fast_cooldown =
    "router:\n  retries: 1\n  backoff_base_ms: 0\n  cooldown: {failures: 2, window_ms: 10000, "
    "period_ms: 500}\n";

TEST(Cooldown, FailingDeploymentIsBenchedThenProbedBackIn) {
  const unsigned short later_port = free_port();
  gateway_fixture env(
      "  - name: g\n    strategy: priority\n    deployments:\n"
      "      - name: flaky\n        priority: 0\n        provider: openai\n        model: "
      "fake-gpt\n"
      "        api_base: http://127.0.0.1:" +
          std::to_string(later_port) +
          "/v1\n        api_key: k\n"
          "      - name: steady\n        priority: 1\n        provider: openai\n        model: "
          "fake-gpt\n"
          "        api_base: FAKE\n        api_key: k\n",
      fast_cooldown);

  // Two refused connections bench "flaky"; each request is still answered by "steady".
  for (int i = 0; i < 2; ++i) {
    auto reply = post_json(env.port(), "/v1/chat/completions", chat_body("g"));
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.header("x-keygate-deployment"), "steady");
    EXPECT_EQ(reply.header("x-keygate-attempts"), "2");
  }
  EXPECT_EQ(state_of(env.port(), "flaky"), "cooling_down");
  auto benched = post_json(env.port(), "/v1/chat/completions", chat_body("g"));
  EXPECT_EQ(benched.header("x-keygate-attempts"), "1") << "a benched deployment is skipped";
  EXPECT_EQ(benched.header("x-keygate-deployment"), "steady");

  // The upstream comes back; after the cooldown one probe finds it and it serves again.
  process revived(FAKE_PROVIDER_BINARY,
                  {"--port", std::to_string(later_port), "--port-file", env.dir.path() + "/p2"},
                  env.dir.path() + "/p2");
  ASSERT_TRUE(eventually([&] { return state_of(env.port(), "flaky") == "probing"; }))
      << "the cooldown ends: the next request probes";
  auto probe = post_json(env.port(), "/v1/chat/completions", chat_body("g"));
  EXPECT_EQ(probe.status, 200);
  EXPECT_EQ(probe.header("x-keygate-deployment"), "flaky");
  // The probe's success is marked once its answer is out: give the mark a moment to land.
  eventually([&] { return state_of(env.port(), "flaky") == "healthy"; }, milliseconds(1000));
  EXPECT_EQ(state_of(env.port(), "flaky"), "healthy");
}

TEST(Cooldown, BadKeyBenchesAtOnce) {
  gateway_fixture env(
      "  - name: g\n    strategy: priority\n    deployments:\n"
      "      - name: revoked\n        priority: 0\n        provider: openai\n"
      "        model: \"fake-gpt@status=401\"\n        api_base: FAKE\n        api_key: k\n"
      "      - name: good\n        priority: 1\n        provider: openai\n        model: fake-gpt\n"
      "        api_base: FAKE\n        api_key: k\n",
      fast_cooldown);
  auto reply = post_json(env.port(), "/v1/chat/completions", chat_body("g"));
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("x-keygate-deployment"), "good");
  EXPECT_EQ(state_of(env.port(), "revoked"), "cooling_down");
}

TEST(Cooldown, AllBenchedAnswers503AndReadinessSaysSo) {
  gateway_fixture env(
      "  - name: g\n    provider: openai\n    model: fake-gpt\n"
      "    api_base: http://127.0.0.1:1/v1\n    api_key: k\n",
      "router:\n  retries: 0\n  cooldown: {failures: 1, period_ms: 60000}\n");
  EXPECT_EQ(post_json(env.port(), "/v1/chat/completions", chat_body("g")).status, 502);
  auto reply = post_json(env.port(), "/v1/chat/completions", chat_body("g"));
  EXPECT_EQ(reply.status, 503);
  EXPECT_NE(reply.body.find("no_healthy_deployment"), std::string::npos);
  auto ready = http_call(env.port(), "GET", "/health/ready");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(json::parse(ready.body).at("status").as_string(), "degraded");
}

TEST(Timeouts, ClientBoundCutsTheWholeRequest) {
  gateway_fixture env(model_entry("slow", "fake-gpt@latency=3000"),
                      "router:\n  retries: 3\n  max_request_timeout_ms: 60000\n");
  auto start = std::chrono::steady_clock::now();
  auto reply = http_call(env.port(), "POST", "/v1/chat/completions", chat_body("slow"),
                         {{"x-keygate-timeout", "400ms"}});
  EXPECT_EQ(reply.status, 504);
  EXPECT_LT(std::chrono::steady_clock::now() - start, time_limit(milliseconds(1500)));
  auto bad = http_call(env.port(), "POST", "/v1/chat/completions", chat_body("slow"),
                       {{"x-keygate-timeout", "999999s"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("invalid_timeout"), std::string::npos);
}

}  // namespace
}  // namespace keygate::testing::health_test
