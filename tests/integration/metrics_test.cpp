// /metrics, the x-keygate-overhead-ms header and the access log's times, through the real binary.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <csignal>
#include <sstream>

#include "harness.hpp"
#include "metrics_text.hpp"
#include "standard_models.hpp"

namespace keygate::testing::metrics_test {
namespace {

namespace json = boost::json;

const std::string master = "master-key-for-metrics-01";
const std::string priced = "    price: {input: 1000, output: 2000}\n";

std::string models() {
  return model_entry("chat", "fake-gpt@tokens=5", priced) + model_entry("unpriced", "fake-gpt") +
         model_entry("slow", "fake-gpt@latency=300,tokens=2", priced) +
         model_entry("benched", "fake-gpt@status=401") +
         model_entry("broken", "fake-gpt@status=500", "    fallbacks: [chat]\n") +
         "  - name: retried\n    strategy: priority\n    retries: 1\n    deployments:\n"
         "      - {name: flaky, priority: 0, provider: openai, model: \"fake-gpt@status=500\","
         " api_base: FAKE, api_key: test-key}\n"
         "      - {name: steady, priority: 1, provider: openai, model: fake-gpt,"
         " api_base: FAKE, api_key: test-key}\n";
}

std::string access_yaml(const std::string& metrics_section = "") {
  return metrics_section + "router:\n  retries: 0\n  backoff_base_ms: 1\n" +
         "auth:\n  master_key: " + master +
         "\n  teams:\n    - {id: red, budget: {usd: 100}}\n"
         "  keys:\n"
         "    - {id: alice, key: sk-alice-metrics-01, alias: Alice, team: red}\n"
         "    - {id: bob, key: sk-bob-metrics-01}\n"
         "    - {id: paced, key: sk-paced-metrics-01, rpm: 1}\n"
         "    - {id: capped, key: sk-capped-metrics-01, budget: {usd: 0.000001}}\n";
}

// A request is counted once its answer has gone out, and one scrape reads its families one after
// another: a scrape can read the request counters, then see the in-flight gauge drop to zero. So
// this waits for a scrape with nothing in flight and returns the scrape after it.
http_reply settled_scrape(unsigned short port,
                          const std::map<std::string, std::string>& headers = {}) {
  http_reply reply;
  eventually([&] {
    reply = http_call(port, "GET", "/metrics", "", headers);
    return reply.status != 200 || metric_sum(reply.body, "keygate_requests_in_flight") <= 0;
  });
  return reply.status == 200 ? http_call(port, "GET", "/metrics", "", headers) : reply;
}

class Metrics : public ::testing::Test {
 public:
  static void SetUpTestSuite() { env = new gateway_fixture(models(), access_yaml()); }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;
  static unsigned short port() { return env->port(); }
  static std::string scrape() {
    auto reply = settled_scrape(port());
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    return reply.body;
  }
};
gateway_fixture* Metrics::env = nullptr;

double overhead_ms(const http_reply& reply) {
  const auto text = reply.header("x-keygate-overhead-ms");
  EXPECT_FALSE(text.empty());
  return text.empty() ? -1 : std::stod(text);
}

TEST_F(Metrics, CostAndTokensMatchTheLedger) {
  ASSERT_EQ(chat(port(), "sk-alice-metrics-01", "chat").status, 200);
  const auto streamed = chat(port(), "sk-alice-metrics-01", "chat", true,
                             R"(,"stream_options":{"include_usage":true})");
  ASSERT_EQ(streamed.status, 200);
  const auto body = scrape();
  const std::map<std::string, std::string> alice{
      {"key", "alice"}, {"key_alias", "Alice"}, {"team", "red"}, {"model", "chat"}};
  auto completion = alice;
  completion["type"] = "completion";
  EXPECT_EQ(metric_sum(body, "keygate_tokens_total", completion), 10);
  auto ok = alice;
  ok["status_class"] = "2xx";
  ok["route"] = "chat.completions";
  EXPECT_EQ(metric_sum(body, "keygate_requests_total", ok), 2);
  EXPECT_EQ(metric_sum(body, "keygate_time_to_first_token_seconds_count", {{"model", "chat"}}), 1);

  auto spend = http_call(port(), "GET", "/admin/spend?group_by=key&key=alice", "", bearer(master));
  ASSERT_EQ(spend.status, 200);
  const auto nanos =
      json::parse(spend.body).at("data").as_array().at(0).at("cost_nanos").to_number<double>();
  ASSERT_GT(nanos, 0);
  EXPECT_NEAR(metric_sum(body, "keygate_cost_usd_total", {{"key", "alice"}}) * 1e9, nanos,
              nanos * 1e-9);
  EXPECT_NEAR(metric_sum(body, "keygate_team_budget_remaining_usd", {{"team", "red"}}),
              100 - nanos / 1e9, 1e-9);
}

TEST_F(Metrics, OverheadLeavesTheUpstreamOut) {
  const auto slow = chat(port(), "sk-bob-metrics-01", "slow");
  ASSERT_EQ(slow.status, 200);
  // The fake waits 300 ms before it answers: that is the upstream's time, not keygate's.
  EXPECT_GE(overhead_ms(slow), 0);
  const double bound = static_cast<double>(time_limit(std::chrono::milliseconds(100)).count());
  EXPECT_LT(overhead_ms(slow), bound);
  const auto streamed = chat(port(), "sk-bob-metrics-01", "slow", true);
  ASSERT_EQ(streamed.status, 200);
  EXPECT_LT(overhead_ms(streamed), bound);
  const auto refused = chat(port(), "sk-wrong-key", "chat");
  EXPECT_EQ(refused.status, 401);
  EXPECT_GE(overhead_ms(refused), 0);
  EXPECT_FALSE(refused.header("x-request-id").empty());

  const auto body = scrape();
  const double upstream_seconds =
      metric_sum(body, "keygate_upstream_duration_seconds_sum", {{"deployment", "slow"}});
  EXPECT_GE(upstream_seconds, 0.6);
  const double overhead_count =
      metric_sum(body, "keygate_gateway_overhead_seconds_count", {{"route", "chat.completions"}});
  EXPECT_GE(overhead_count, 3);
}

TEST_F(Metrics, RetriesFallbacksAndRefusalsAreCounted) {
  EXPECT_EQ(chat(port(), "sk-bob-metrics-01", "broken").status, 200);   // falls back to chat
  EXPECT_EQ(chat(port(), "sk-bob-metrics-01", "retried").status, 200);  // flaky, then steady
  EXPECT_EQ(chat(port(), "sk-paced-metrics-01", "chat").status, 200);
  EXPECT_EQ(chat(port(), "sk-paced-metrics-01", "chat").status, 429);
  int answered = 0;
  while (answered < 5 && chat(port(), "sk-capped-metrics-01", "chat").status == 200) ++answered;
  EXPECT_EQ(answered, 1);  // the one request a budget lets past its limit
  EXPECT_EQ(chat(port(), "sk-bob-metrics-01", "benched").status, 401);
  EXPECT_EQ(chat(port(), "sk-bob-metrics-01", "unpriced").status, 200);

  const auto body = scrape();
  EXPECT_EQ(metric_sum(body, "keygate_fallbacks_total",
                       {{"model", "broken"}, {"fallback_model", "chat"}}),
            1);
  EXPECT_EQ(
      metric_sum(body, "keygate_retries_total", {{"model", "retried"}, {"deployment", "steady"}}),
      1);
  EXPECT_EQ(metric_sum(body, "keygate_retries_total", {{"deployment", "flaky"}}), 0);
  EXPECT_EQ(metric_sum(body, "keygate_rate_limited_requests_total",
                       {{"key", "paced"}, {"limit", "requests"}}),
            1);
  EXPECT_EQ(metric_sum(body, "keygate_budget_rejected_requests_total", {{"key", "capped"}}), 1);
  EXPECT_LT(metric_sum(body, "keygate_key_budget_remaining_usd", {{"key", "capped"}}), 0.000001);
  EXPECT_EQ(metric_sum(body, "keygate_deployment_healthy", {{"deployment", "benched"}}), 0);
  EXPECT_EQ(metric_sum(body, "keygate_deployment_healthy", {{"deployment", "chat"}}), 1);
  EXPECT_EQ(metric_sum(body, "keygate_deployment_cooldowns_total", {{"deployment", "benched"}}), 1);
  EXPECT_EQ(metric_sum(body, "keygate_unknown_price_requests_total", {{"model", "unpriced"}}), 1);
  EXPECT_GE(metric_sum(body, "keygate_ledger_queue_depth"), 0);
  EXPECT_EQ(metric_sum(body, "keygate_requests_in_flight", {{"route", "chat.completions"}}), 0);
}

TEST_F(Metrics, NoClientTextNorSecretBecomesALabel) {
  EXPECT_EQ(chat(port(), "sk-bob-metrics-01", "a-model-nobody-configured").status, 404);
  EXPECT_EQ(chat(port(), "sk-not-a-real-key-42", "chat").status, 401);
  const auto body = scrape();
  EXPECT_EQ(body.find("a-model-nobody-configured"), std::string::npos);
  EXPECT_EQ(body.find("sk-"), std::string::npos);
  EXPECT_EQ(body.find(master), std::string::npos);
  EXPECT_GE(metric_sum(body, "keygate_requests_total",
                       {{"model", "none"}, {"key", "bob"}, {"status_class", "4xx"}}),
            1);
  EXPECT_GE(metric_sum(body, "keygate_requests_total", {{"key", "none"}, {"status_class", "4xx"}}),
            1);
}

TEST_F(Metrics, PromtoolFindsNothingToSay) {
  std::string output;
  if (run_command("command -v promtool", output) != 0) GTEST_SKIP() << "promtool is not installed";
  ASSERT_EQ(chat(port(), "sk-alice-metrics-01", "chat", true).status, 200);
  ASSERT_EQ(chat(port(), "sk-bob-metrics-01", "broken").status, 200);
  const auto path = env->dir.write("metrics.txt", scrape());
  EXPECT_EQ(run_command("promtool check metrics < " + path + " 2>&1", output), 0) << output;
  EXPECT_EQ(output, "");
}

TEST_F(Metrics, TheAccessLogLineHasTimesAndNoSecret) {
  const auto reply = chat(port(), "sk-alice-metrics-01", "chat", true);
  ASSERT_EQ(reply.status, 200);
  const auto id = "\"request_id\":\"" + reply.header("x-request-id") + "\"";
  const auto log = env->gateway->log_once_it_has(id);
  std::istringstream lines(log);
  std::string line;
  json::object last;
  while (std::getline(lines, line))
    if (line.find(id) != std::string::npos) last = json::parse(line).as_object();
  ASSERT_FALSE(last.empty()) << log;
  EXPECT_EQ(last.at("key"), "alice");
  EXPECT_EQ(last.at("stream"), true);
  EXPECT_EQ(last.at("key_alias"), "Alice");
  EXPECT_EQ(last.at("team"), "red");
  EXPECT_EQ(last.at("provider"), "openai");
  EXPECT_EQ(last.at("tokens").at("completion"), 5);
  EXPECT_GT(last.at("ttft_ms").to_number<double>(), 0);
  EXPECT_GE(last.at("total_ms").to_number<double>(), last.at("ttft_ms").to_number<double>());
  EXPECT_GE(last.at("overhead_ms").to_number<double>(), 0);
  EXPECT_LE(last.at("overhead_ms").to_number<double>(), last.at("total_ms").to_number<double>());
  EXPECT_GT(last.at("cost_usd").to_number<double>(), 0);
  EXPECT_EQ(log.find("sk-alice-metrics-01"), std::string::npos);
  EXPECT_EQ(log.find(master), std::string::npos);
}

TEST(MetricsPort, ServesMetricsApartAndOnlyToTheMasterKey) {
  gateway_fixture env(models(), access_yaml("metrics:\n  port: 0\n  require_master_key: true\n"));
  const auto metrics_port = env.gateway->second_port();
  ASSERT_NE(metrics_port, 0);
  ASSERT_NE(metrics_port, env.port());
  EXPECT_EQ(http_call(env.port(), "GET", "/metrics").status, 404);
  EXPECT_EQ(http_call(metrics_port, "GET", "/metrics").status, 401);
  EXPECT_EQ(http_call(metrics_port, "GET", "/metrics", "", bearer("sk-alice-metrics-01")).status,
            403);
  ASSERT_EQ(chat(env.port(), "sk-bob-metrics-01", "chat").status, 200);
  const auto reply = settled_scrape(metrics_port, bearer(master));
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(metric_sum(reply.body, "keygate_requests_total", {{"key", "bob"}}), 1);
  EXPECT_EQ(
      http_call(metrics_port, "POST", "/v1/chat/completions", chat_body("chat"), bearer(master))
          .status,
      404);
  env.gateway->signal(SIGTERM);
  EXPECT_EQ(env.gateway->wait(std::chrono::seconds(10)), 0);
}

}  // namespace
}  // namespace keygate::testing::metrics_test
