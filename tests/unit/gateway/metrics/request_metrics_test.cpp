// The request metrics: labels, the cost figure, refusals and the text Prometheus reads.
#include "gateway/metrics/request_metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "gateway/config/config.hpp"
#include "gateway/engine/routing_store.hpp"
#include "gateway/services/exposition.hpp"
#include "gateway/services/shared_services.hpp"
#include "gateway/translators/registry.hpp"

namespace keygate::metrics::request_metrics_test {
namespace {

// The registry is the process's: each test uses label values of its own.
struct gateway_state {
  gateway_state()
      : cfg(std::make_shared<config>(
            parse_config("models:\n  - {name: unit-model, provider: mock}\n", "test.yaml"))),
        store(cfg, health, &provider_for) {}
  std::shared_ptr<config> cfg;
  health_registry health;
  routing_store store;
  shared_services shared;
  std::string text() const { return exposition_text(store, shared); }
};

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

// The value of one series (its name and labels as written); NaN when absent.
double value_of(const std::string& text, const std::string& series) {
  const auto at = text.find("\n" + series + " ");
  if (at == std::string::npos) return std::nan("");
  return std::stod(text.substr(at + series.size() + 2));
}

TEST(RequestMetrics, StatusClasses) {
  EXPECT_EQ(status_class(200), "2xx");
  EXPECT_EQ(status_class(429), "4xx");
  EXPECT_EQ(status_class(503), "5xx");
  EXPECT_EQ(status_class(0), "none");
}

TEST(RequestMetrics, CostAddsUpToTheNanoDollar) {
  const request_labels labels{.model = "m-cost", .provider = "openai", .deployment = "d-cost"};
  token_usage usage;
  usage.prompt = 7;
  usage.completion = 3;
  usage.cached = 2;
  usage.reasoning = 1;
  usage.known = true;
  for (int i = 0; i < 1000; ++i) count_usage(labels, usage, 123'456);  // $0.000123456 each
  gateway_state state;
  const auto text = state.text();
  const std::string series =
      R"({deployment="d-cost",key="none",key_alias="none",model="m-cost",provider="openai",team="none")";
  EXPECT_NEAR(value_of(text, "keygate_cost_usd_total" + series + "}"), 0.123456, 0.123456 * 1e-12)
      << text;
  EXPECT_TRUE(has_line(text, "keygate_tokens_total" + series + R"(,type="prompt"} 7000)"));
  EXPECT_TRUE(has_line(text, "keygate_tokens_total" + series + R"(,type="cached"} 2000)"));
  EXPECT_TRUE(has_line(text, "keygate_tokens_total" + series + R"(,type="cache_write"} 0)"));
  EXPECT_TRUE(has_line(text, "keygate_tokens_total" + series + R"(,type="reasoning"} 1000)"));
}

TEST(RequestMetrics, UsageWithoutAPriceIsAnUnknownPriceRequest) {
  const request_labels labels{.model = "m-unpriced", .provider = "p", .deployment = "d-unpriced"};
  token_usage usage;
  usage.known = true;
  count_usage(labels, usage, std::nullopt);
  count_usage(labels, usage, 0);
  usage.known = false;
  count_usage(labels, usage, std::nullopt);  // nothing reported: nothing to price
  gateway_state state;
  EXPECT_TRUE(has_line(
      state.text(),
      R"(keygate_unknown_price_requests_total{deployment="d-unpriced",model="m-unpriced",provider="p"} 1)"));
}

TEST(RequestMetrics, RequestsAndTheirTimes) {
  const request_labels labels{.route = "chat.completions", .model = "m-req", .key = "k1"};
  request_times times;
  times.total = std::chrono::milliseconds(30);
  times.overhead = std::chrono::microseconds(40);
  count_request(labels, 200, times);
  times.first_token = std::chrono::milliseconds(20);
  count_request(labels, 200, times);
  count_request(labels, 502, times);
  gateway_state state;
  const auto text = state.text();
  EXPECT_TRUE(has_line(
      text,
      R"(keygate_requests_total{deployment="none",key="k1",key_alias="none",model="m-req",provider="none",route="chat.completions",status_class="2xx",team="none"} 2)"))
      << text;
  EXPECT_TRUE(has_line(
      text, R"(keygate_time_to_first_token_seconds_count{model="m-req",provider="none"} 2)"));
  EXPECT_TRUE(has_line(
      text,
      R"(keygate_request_duration_seconds_bucket{model="m-req",provider="none",route="chat.completions",status_class="5xx",le="0.05"} 1)"));
}

TEST(RequestMetrics, OverheadBucketsResolveMicroseconds) {
  const request_labels labels{.route = "unit-route"};
  request_times times;
  times.overhead = std::chrono::microseconds(20);
  count_request(labels, 200, times);
  gateway_state state;
  const auto text = state.text();
  EXPECT_TRUE(
      has_line(text, R"(keygate_gateway_overhead_seconds_bucket{route="unit-route",le="1e-05"} 0)"))
      << text;
  EXPECT_TRUE(has_line(
      text, R"(keygate_gateway_overhead_seconds_bucket{route="unit-route",le="2.5e-05"} 1)"));
}

TEST(RequestMetrics, RefusalsByLimit) {
  const request_labels labels{.model = "m-refused", .key = "k-refused"};
  count_refusal(labels, "requests");
  count_refusal(labels, "budget");
  count_refusal(labels, "budget");
  gateway_state state;
  const auto text = state.text();
  EXPECT_TRUE(has_line(
      text,
      R"(keygate_rate_limited_requests_total{key="k-refused",key_alias="none",limit="requests",model="m-refused",team="none"} 1)"));
  EXPECT_TRUE(has_line(
      text,
      R"(keygate_budget_rejected_requests_total{key="k-refused",key_alias="none",model="m-refused",team="none"} 2)"));
}

TEST(RequestMetrics, InFlightFollowsTheGuard) {
  gateway_state state;
  {
    const in_flight_request one("unit-flight");
    const in_flight_request two("unit-flight");
    EXPECT_TRUE(has_line(state.text(), R"(keygate_requests_in_flight{route="unit-flight"} 2)"));
  }
  EXPECT_TRUE(has_line(state.text(), R"(keygate_requests_in_flight{route="unit-flight"} 0)"));
}

TEST(RequestMetrics, DeploymentHealthIsReadAtScrapeTime) {
  gateway_state state;
  EXPECT_TRUE(has_line(
      state.text(),
      R"(keygate_deployment_healthy{model="unit-model",provider="mock",deployment="unit-model"} 1)"));
  auto& health = *state.store.current()->find("unit-model")->deployments[0].health;
  health.on_failure(deployment_health::clock::now(), true);
  const auto text = state.text();
  EXPECT_TRUE(has_line(
      text,
      R"(keygate_deployment_healthy{model="unit-model",provider="mock",deployment="unit-model"} 0)"));
  EXPECT_TRUE(has_line(
      text,
      R"(keygate_deployment_cooldowns_total{model="unit-model",provider="mock",deployment="unit-model"} 1)"));
}

}  // namespace
}  // namespace keygate::metrics::request_metrics_test
