#include "gateway/engine/deployment_health.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

namespace keygate::deployment_health_test {
namespace {

using namespace std::chrono_literals;
using state = deployment_health::state;
using time_point = deployment_health::clock::time_point;

cooldown_options options(int failures = 3, millis window = 60s, millis period = 30s) {
  cooldown_options o;
  o.failures = failures;
  o.window = window;
  o.period = period;
  return o;
}

class DeploymentHealth : public ::testing::Test {
 protected:
  // A fixed base; every test moves time by hand from here.
  const time_point t0 = deployment_health::clock::now();
  deployment_health health{options()};

  // Benches `health` with three failures at t0.
  void bench() {
    for (int i = 0; i < 3; ++i) health.on_failure(t0, false);
    ASSERT_EQ(health.current_state(t0), state::cooling_down);
  }
};

TEST_F(DeploymentHealth, AdmitsEveryRequestWhileHealthy) {
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(health.try_admit(t0 + i * 1s));
  EXPECT_EQ(health.current_state(t0), state::healthy);
  EXPECT_EQ(health.failures_in_window(t0), 0);
  EXPECT_EQ(health.cooldown_remaining(t0), deployment_health::clock::duration::zero());
}

TEST_F(DeploymentHealth, FewerFailuresThanTheLimitKeepItHealthy) {
  health.on_failure(t0, false);
  health.on_failure(t0 + 1s, false);
  EXPECT_EQ(health.failures_in_window(t0 + 1s), 2);
  EXPECT_EQ(health.current_state(t0 + 1s), state::healthy);
  EXPECT_TRUE(health.try_admit(t0 + 1s));
}

TEST_F(DeploymentHealth, FailuresWithinTheWindowBenchIt) {
  health.on_failure(t0, false);
  health.on_failure(t0 + 10s, false);
  health.on_failure(t0 + 20s, false);
  EXPECT_EQ(health.current_state(t0 + 20s), state::cooling_down);
  EXPECT_FALSE(health.try_admit(t0 + 20s));
  EXPECT_FALSE(health.try_admit(t0 + 49s));
}

TEST_F(DeploymentHealth, FailuresOlderThanTheWindowAreForgotten) {
  health.on_failure(t0, false);
  health.on_failure(t0 + 1s, false);
  EXPECT_EQ(health.failures_in_window(t0 + 61s), 1);
  EXPECT_EQ(health.failures_in_window(t0 + 62s), 0);
  // Two old failures and one new one are not three within the window.
  health.on_failure(t0 + 70s, false);
  EXPECT_EQ(health.failures_in_window(t0 + 70s), 1);
  EXPECT_EQ(health.current_state(t0 + 70s), state::healthy);
  EXPECT_TRUE(health.try_admit(t0 + 70s));
}

TEST_F(DeploymentHealth, PermanentFailureBenchesAtOnce) {
  health.on_failure(t0, true);
  EXPECT_EQ(health.current_state(t0), state::cooling_down);
  EXPECT_FALSE(health.try_admit(t0 + 1s));
  EXPECT_EQ(health.cooldown_remaining(t0), 30s);
}

TEST_F(DeploymentHealth, CooldownRemainingCountsDown) {
  bench();
  EXPECT_EQ(health.cooldown_remaining(t0), 30s);
  EXPECT_EQ(health.cooldown_remaining(t0 + 10s), 20s);
  EXPECT_EQ(health.cooldown_remaining(t0 + 30s), deployment_health::clock::duration::zero());
  EXPECT_EQ(health.cooldown_remaining(t0 + 90s), deployment_health::clock::duration::zero());
}

TEST_F(DeploymentHealth, AfterThePeriodExactlyOneProbeIsAdmitted) {
  bench();
  EXPECT_FALSE(health.try_admit(t0 + 29s));
  EXPECT_EQ(health.current_state(t0 + 30s), state::probing);
  EXPECT_TRUE(health.try_admit(t0 + 30s));
  EXPECT_EQ(health.current_state(t0 + 30s), state::probing);
  EXPECT_FALSE(health.try_admit(t0 + 30s));
  EXPECT_FALSE(health.try_admit(t0 + 45s));
}

TEST_F(DeploymentHealth, ProbeSuccessMakesItHealthyAndClearsFailures) {
  bench();
  ASSERT_TRUE(health.try_admit(t0 + 30s));
  health.on_success(100us);
  EXPECT_EQ(health.current_state(t0 + 30s), state::healthy);
  EXPECT_EQ(health.failures_in_window(t0 + 30s), 0);
  EXPECT_TRUE(health.try_admit(t0 + 30s));
  EXPECT_TRUE(health.try_admit(t0 + 30s));
  // The old failures no longer count: one more does not bench it again.
  health.on_failure(t0 + 31s, false);
  EXPECT_EQ(health.current_state(t0 + 31s), state::healthy);
}

TEST_F(DeploymentHealth, ProbeFailureBenchesItForAnotherPeriod) {
  bench();
  ASSERT_TRUE(health.try_admit(t0 + 40s));
  health.on_failure(t0 + 40s, false);
  EXPECT_EQ(health.current_state(t0 + 40s), state::cooling_down);
  EXPECT_EQ(health.cooldown_remaining(t0 + 40s), 30s);
  EXPECT_FALSE(health.try_admit(t0 + 69s));
  EXPECT_TRUE(health.try_admit(t0 + 70s));
}

TEST_F(DeploymentHealth, AbandonedProbeLetsAnotherCallerProbe) {
  bench();
  ASSERT_TRUE(health.try_admit(t0 + 30s));
  EXPECT_FALSE(health.try_admit(t0 + 31s));
  health.on_abandoned();
  EXPECT_EQ(health.current_state(t0 + 31s), state::probing);
  EXPECT_TRUE(health.try_admit(t0 + 31s));
  EXPECT_FALSE(health.try_admit(t0 + 31s));
}

TEST(DeploymentHealthOptions, FailureLimitAndWindowComeFromOptions) {
  const time_point t0 = deployment_health::clock::now();
  deployment_health health(options(1, 5s, 2s));
  health.on_failure(t0, false);
  EXPECT_EQ(health.current_state(t0), state::cooling_down);
  EXPECT_EQ(health.cooldown_remaining(t0), 2s);
  EXPECT_TRUE(health.try_admit(t0 + 2s));
}

TEST(DeploymentHealthLatency, MovingAverageOfTimeToFirstByte) {
  deployment_health health(options());
  EXPECT_EQ(health.ttfb_average_us.load(), -1);
  health.on_success(1000us);
  EXPECT_EQ(health.ttfb_average_us.load(), 1000);
  health.on_success(1800us);
  EXPECT_EQ(health.ttfb_average_us.load(), 1100);  // 1000 + 800 / 8
  health.on_success(300us);
  EXPECT_EQ(health.ttfb_average_us.load(), 1000);  // 1100 - 800 / 8
}

TEST(DeploymentHealthStrings, StateNames) {
  EXPECT_EQ(to_string(state::healthy), "healthy");
  EXPECT_EQ(to_string(state::cooling_down), "cooling_down");
  EXPECT_EQ(to_string(state::probing), "probing");
}

deployment sample_deployment() {
  deployment d;
  d.id = "gpt#0";
  d.provider = "openai_compatible";
  d.model = "llama3";
  d.api_base = "http://localhost:11434/v1";
  d.api_key = "sk-one";
  return d;
}

TEST(HealthRegistry, SameDeploymentGetsTheSameRecord) {
  health_registry registry;
  const auto first = registry.get(sample_deployment(), options());
  deployment again = sample_deployment();
  again.weight = 7;  // not part of the identity
  again.priority = 3;
  EXPECT_EQ(registry.get(again, options()), first);
  EXPECT_NE(first, nullptr);
}

TEST(HealthRegistry, ChangedDeploymentGetsANewRecord) {
  health_registry registry;
  const auto original = registry.get(sample_deployment(), options());
  const auto changed = [](auto change) {
    deployment d = sample_deployment();
    change(d);
    return d;
  };
  const deployment variants[] = {
      changed([](deployment& d) { d.api_base = "http://localhost:8000/v1"; }),
      changed([](deployment& d) { d.model = "llama3.1"; }),
      changed([](deployment& d) { d.api_key = "sk-two"; }),
      changed([](deployment& d) { d.id = "gpt#1"; }),
      changed([](deployment& d) { d.provider = "openai"; }),
  };
  for (const auto& v : variants) {
    const auto record = registry.get(v, options());
    EXPECT_NE(record, original) << v.id << " " << v.model << " " << v.api_base;
    EXPECT_EQ(registry.get(v, options()), record);
  }
}

}  // namespace
}  // namespace keygate::deployment_health_test
