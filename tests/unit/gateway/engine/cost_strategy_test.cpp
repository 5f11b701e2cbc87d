// The cost strategy and max_price (docs/routing.md#cost).
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "gateway/engine/balancer.hpp"

namespace keygate::cost_strategy_test {
namespace {

using time_point = deployment_health::clock::time_point;

class CostStrategy : public ::testing::Test {
 protected:
  const time_point now = deployment_health::clock::now();
  std::mt19937_64 rng{7};
  model_group group_config;
  routed_group group;
  token_usage estimate{.prompt = 1000, .completion = 1000};

  void add(const std::string& id, std::optional<token_prices> price) {
    deployment d;
    d.id = id;
    d.provider = "openai_compatible";
    d.model = "in-house-" + id;  // not in the price table: only `price` prices it
    d.price = price;
    group_config.deployments.push_back(d);
  }

  void route() {
    group_config.name = "group";
    group_config.strategy = balance_strategy::cost;
    group.config = &group_config;
    for (const auto& d : group_config.deployments)
      group.deployments.push_back(
          routed_deployment{&d, std::make_shared<deployment_health>(cooldown_options{}), nullptr});
  }

  std::string picked() {
    const auto* d = pick_deployment(group, {}, now, rng, &estimate);
    if (!d) return "<none>";
    d->health->on_success(std::chrono::microseconds(1000));
    return d->config->id;
  }
};

token_prices prices(double input, double output) {
  token_prices p;
  p.input = input;
  p.output = output;
  return p;
}

TEST_F(CostStrategy, PicksTheCheaperAndMovesWhenItCoolsDown) {
  add("dear", prices(10, 30));
  add("cheap", prices(1, 3));
  add("unpriced", std::nullopt);
  route();
  for (int i = 0; i < 20; ++i) ASSERT_EQ(picked(), "cheap");
  for (int n = 0; n < cooldown_options{}.failures; ++n)
    group.deployments[1].health->on_failure(now, false);
  EXPECT_EQ(picked(), "dear");
  // With only the unpriced one left, it is still used: no max_price forbids it.
  for (int n = 0; n < cooldown_options{}.failures; ++n)
    group.deployments[0].health->on_failure(now, false);
  EXPECT_EQ(picked(), "unpriced");
}

TEST_F(CostStrategy, TheEstimateDecidesWhichIsCheaper) {
  add("cheap-input", prices(1, 20));
  add("cheap-output", prices(5, 2));
  route();
  estimate = {.prompt = 100'000, .completion = 10};  // a long prompt, a short answer
  EXPECT_EQ(picked(), "cheap-input");
  estimate = {.prompt = 10, .completion = 100'000};
  EXPECT_EQ(picked(), "cheap-output");
}

TEST_F(CostStrategy, MaxPriceKeepsOutWhatCostsMoreOrIsUnpriced) {
  add("dear", prices(10, 30));  // 1000 × 10 + 1000 × 30 per million: $0.04
  add("cheap", prices(1, 3));   // $0.004
  add("unpriced", std::nullopt);
  group_config.max_price = 0.01;
  route();
  EXPECT_TRUE(within_max_price(group, group.deployments[1], estimate));
  EXPECT_FALSE(within_max_price(group, group.deployments[0], estimate));
  EXPECT_FALSE(within_max_price(group, group.deployments[2], estimate));
  for (int n = 0; n < cooldown_options{}.failures; ++n)
    group.deployments[1].health->on_failure(now, false);
  // The cheap one cools down: nothing else is within the price.
  EXPECT_EQ(picked(), "<none>");
}

}  // namespace
}  // namespace keygate::cost_strategy_test
