#include "gateway/engine/balancer.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace keygate::balancer_test {
namespace {

using time_point = deployment_health::clock::time_point;

// A group built by hand: configs live in `group_config`, health records are fresh.
class Balancer : public ::testing::Test {
 protected:
  const time_point now = deployment_health::clock::now();
  std::mt19937_64 rng{42};
  model_group group_config;
  routed_group group;

  // Adds a deployment; call every add before route(), since routed deployments point into
  // group_config.deployments.
  void add(const std::string& id, int weight = 1, int priority = 0) {
    deployment d;
    d.id = id;
    d.weight = weight;
    d.priority = priority;
    group_config.deployments.push_back(d);
  }

  void route(balance_strategy strategy) {
    group_config.name = "group";
    group_config.strategy = strategy;
    group.config = &group_config;
    group.deployments.clear();
    for (const auto& d : group_config.deployments)
      group.deployments.push_back(
          routed_deployment{&d, std::make_shared<deployment_health>(cooldown_options{}), nullptr});
  }

  deployment_health& health(std::size_t i) { return *group.deployments.at(i).health; }
  const routed_deployment* at(std::size_t i) const { return &group.deployments.at(i); }

  void bench(std::size_t i) {
    for (int n = 0; n < cooldown_options{}.failures; ++n) health(i).on_failure(now, false);
    ASSERT_FALSE(health(i).try_admit(now));
  }

  const routed_deployment* pick(const std::vector<const routed_deployment*>& tried = {}) {
    return pick_deployment(group, tried, now, rng);
  }

  std::string picked_id(const std::vector<const routed_deployment*>& tried = {}) {
    const auto* d = pick(tried);
    return d ? d->config->id : "<none>";
  }
};

TEST_F(Balancer, WeightedSharesFollowTheWeights) {
  add("heavy", 3);
  add("light", 1);
  route(balance_strategy::weighted);
  std::map<std::string, int> counts;
  const int picks = 20000;
  for (int i = 0; i < picks; ++i) ++counts[picked_id()];
  EXPECT_NEAR(counts["heavy"] / double(picks), 0.75, 0.02);
  EXPECT_NEAR(counts["light"] / double(picks), 0.25, 0.02);
  EXPECT_EQ(counts["<none>"], 0);
}

TEST_F(Balancer, WeightZeroIsNeverPickedWhileAnotherIsAvailable) {
  add("off", 0);
  add("on", 1);
  route(balance_strategy::weighted);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(picked_id(), "on");
}

TEST_F(Balancer, WeightZeroIsStillUsedWhenTheOthersAreBenched) {
  add("off", 0);
  add("on", 1);
  route(balance_strategy::weighted);
  bench(1);
  EXPECT_EQ(picked_id(), "off");
}

TEST_F(Balancer, PriorityPicksTheLowestValue) {
  add("backup", 1, 5);
  add("primary", 1, 1);
  add("last", 1, 9);
  route(balance_strategy::priority);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(picked_id(), "primary");
  bench(1);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(picked_id(), "backup");
}

TEST_F(Balancer, LeastInflightPicksTheLeastBusy) {
  add("busy");
  add("idle");
  add("busier");
  route(balance_strategy::least_inflight);
  health(0).in_flight = 4;
  health(1).in_flight = 1;
  health(2).in_flight = 9;
  for (int i = 0; i < 100; ++i) ASSERT_EQ(picked_id(), "idle");
  health(1).in_flight = 5;
  EXPECT_EQ(picked_id(), "busy");
}

TEST_F(Balancer, LowestLatencyMeasuresUnmeasuredFirst) {
  add("slow");
  add("new");
  add("fast");
  route(balance_strategy::lowest_latency);
  health(0).on_success(std::chrono::microseconds(9000));
  health(2).on_success(std::chrono::microseconds(1000));
  ASSERT_EQ(health(1).ttfb_average_us.load(), -1);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(picked_id(), "new");
  health(1).on_success(std::chrono::microseconds(5000));
  for (int i = 0; i < 100; ++i) ASSERT_EQ(picked_id(), "fast");
}

TEST_F(Balancer, TriedDeploymentsAreSkippedWhileOthersRemain) {
  add("a", 1, 0);
  add("b", 1, 1);
  add("c", 1, 2);
  route(balance_strategy::priority);
  EXPECT_EQ(pick({at(0)}), at(1));
  EXPECT_EQ(pick({at(0), at(1)}), at(2));
  EXPECT_EQ(pick({at(1), at(0)}), at(2));
}

TEST_F(Balancer, TriedDeploymentsComeBackWhenAllWereTried) {
  add("a", 1, 0);
  add("b", 1, 1);
  route(balance_strategy::priority);
  EXPECT_EQ(pick({at(0), at(1)}), at(0));
}

TEST_F(Balancer, TriedDeploymentComesBackWhenTheUntriedAreBenched) {
  add("a", 1, 0);
  add("b", 1, 1);
  route(balance_strategy::priority);
  bench(1);
  EXPECT_EQ(pick({at(0)}), at(0));
}

TEST_F(Balancer, BenchedDeploymentIsSkipped) {
  add("a");
  add("b");
  route(balance_strategy::weighted);
  bench(0);
  for (int i = 0; i < 200; ++i) ASSERT_EQ(pick(), at(1));
}

TEST_F(Balancer, AllBenchedGivesNothing) {
  add("a");
  add("b");
  route(balance_strategy::least_inflight);
  bench(0);
  bench(1);
  EXPECT_EQ(pick(), nullptr);
  EXPECT_EQ(pick({at(0)}), nullptr);
}

TEST_F(Balancer, EmptyGroupGivesNothing) {
  route(balance_strategy::weighted);
  EXPECT_EQ(pick(), nullptr);
}

}  // namespace
}  // namespace keygate::balancer_test
