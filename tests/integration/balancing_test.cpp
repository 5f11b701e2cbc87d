// How each strategy spreads requests over a group's deployments.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>
#include <map>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::balancing_test {
namespace {

std::string group(const std::string& strategy, const std::vector<std::string>& deployments) {
  std::string yaml = "  - name: g\n    strategy: " + strategy + "\n    deployments:\n";
  for (const auto& d : deployments) yaml += d;
  return yaml;
}

std::string member(const std::string& name, const std::string& knobs,
                   const std::string& extra = "") {
  return "      - name: " + name + "\n        provider: openai\n        model: \"fake-gpt" + knobs +
         "\"\n        api_base: FAKE\n        api_key: k\n" + extra;
}

std::map<std::string, int> served_counts(unsigned short port, int requests) {
  std::map<std::string, int> counts;
  for (int i = 0; i < requests; ++i) {
    auto reply = post_json(port, "/v1/chat/completions", chat_body("g"));
    EXPECT_EQ(reply.status, 200);
    ++counts[reply.header("x-keygate-deployment")];
  }
  return counts;
}

// How many of the group's deployments have a time to first byte on record.
int measured_deployments(unsigned short port) {
  const auto ready = boost::json::parse(http_call(port, "GET", "/health/ready").body);
  int measured = 0;
  for (const auto& model : ready.at("models").as_array())
    for (const auto& d : model.at("deployments").as_array())
      if (!d.at("ttfb_average_ms").is_null()) ++measured;
  return measured;
}

TEST(Balancing, WeightedFollowsTheWeights) {
  gateway_fixture env(group("weighted", {member("heavy", "", "        weight: 3\n"),
                                         member("light", "", "        weight: 1\n")}));
  auto counts = served_counts(env.port(), 400);
  const double heavy_share = counts["heavy"] / 400.0;
  // Binomial(400, 0.75): the standard deviation is 0.022; 0.09 is four of them.
  EXPECT_NEAR(heavy_share, 0.75, 0.09) << counts["heavy"] << " vs " << counts["light"];
  EXPECT_EQ(counts["heavy"] + counts["light"], 400);
}

TEST(Balancing, ZeroWeightGetsNothingWhileOthersAreHealthy) {
  gateway_fixture env(
      group("weighted", {member("on", ""), member("off", "", "        weight: 0\n")}));
  auto counts = served_counts(env.port(), 50);
  EXPECT_EQ(counts["on"], 50);
}

TEST(Balancing, PriorityUsesTheFirstWhileItIsHealthy) {
  gateway_fixture env(group("priority", {member("second", "", "        priority: 2\n"),
                                         member("first", "", "        priority: 1\n")}));
  auto counts = served_counts(env.port(), 50);
  EXPECT_EQ(counts["first"], 50);
}

TEST(Balancing, LowestLatencyPrefersTheFasterAfterMeasuringBoth) {
  gateway_fixture env(
      // The gap is wide so that a loaded machine cannot make the fast one look slower.
      group("lowest_latency", {member("slow", "@latency=600"), member("fast", "")}));
  // Unmeasured deployments go first. An attempt's time is recorded just after its answer's last
  // byte, so the next request can come before it: ask until /health/ready shows both measured.
  ASSERT_TRUE(eventually([&] {
    if (measured_deployments(env.port()) == 2) return true;
    served_counts(env.port(), 1);
    return false;
  }));
  auto counts = served_counts(env.port(), 20);
  EXPECT_EQ(counts["fast"], 20);
}

TEST(Balancing, LeastInFlightSpreadsConcurrentRequests) {
  gateway_fixture env(
      group("least_inflight", {member("a", "@latency=600"), member("b", "@latency=600")}));
  std::vector<std::future<http_reply>> replies;
  for (int i = 0; i < 6; ++i) {
    replies.push_back(std::async(std::launch::async, [&] {
      return post_json(env.port(), "/v1/chat/completions", chat_body("g"));
    }));
    // Each arrives seeing the others in flight.
    ASSERT_TRUE(eventually([&] { return fake_stat(env, "requests_active") == i + 1; }))
        << "request " << i << " reaches the fake";
  }
  std::map<std::string, int> counts;
  for (auto& r : replies) ++counts[r.get().header("x-keygate-deployment")];
  EXPECT_EQ(counts["a"], 3);
  EXPECT_EQ(counts["b"], 3);
}

}  // namespace
}  // namespace keygate::testing::balancing_test
