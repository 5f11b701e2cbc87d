#include "gateway/engine/backoff.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <optional>
#include <random>
#include <string>

namespace keygate::backoff_test {
namespace {

router_options backoff(long long base_ms, long long max_ms) {
  router_options o;
  o.backoff_base = millis(base_ms);
  o.backoff_max = millis(max_ms);
  return o;
}

struct draws {
  long long min = LLONG_MAX;
  long long max = LLONG_MIN;
  double mean = 0;
};

draws sample(int retry, const router_options& options, std::optional<millis> retry_after = {},
             int count = 20000) {
  std::mt19937_64 rng(7);
  draws d;
  double sum = 0;
  for (int i = 0; i < count; ++i) {
    const long long ms = retry_delay(retry, options, retry_after, rng).count();
    d.min = std::min(d.min, ms);
    d.max = std::max(d.max, ms);
    sum += static_cast<double>(ms);
  }
  d.mean = sum / count;
  return d;
}

TEST(RetryDelay, StaysWithinTheDoublingCeiling) {
  const auto options = backoff(100, 2000);
  const long long ceilings[] = {100, 200, 400, 800, 1600, 2000, 2000};
  for (int retry = 1; retry <= 7; ++retry) {
    const long long ceiling = ceilings[retry - 1];
    const draws d = sample(retry, options);
    EXPECT_GE(d.min, 0) << "retry " << retry;
    EXPECT_LE(d.max, ceiling) << "retry " << retry;
    // Full jitter: the draws spread over the whole range, averaging half the ceiling.
    EXPECT_NEAR(d.mean, ceiling / 2.0, ceiling * 0.05) << "retry " << retry;
    EXPECT_GT(d.max, ceiling * 9 / 10) << "retry " << retry;
    EXPECT_LT(d.min, ceiling / 10) << "retry " << retry;
  }
}

TEST(RetryDelay, SameSeedGivesSameDelays) {
  const auto options = backoff(100, 2000);
  std::mt19937_64 a(99), b(99);
  for (int i = 0; i < 50; ++i)
    EXPECT_EQ(retry_delay(3, options, std::nullopt, a), retry_delay(3, options, std::nullopt, b));
}

TEST(RetryDelay, RetryAfterIsAFloor) {
  const auto options = backoff(100, 2000);
  const draws above = sample(1, options, millis(1500), 2000);
  EXPECT_EQ(above.min, 1500);
  EXPECT_EQ(above.max, 1500);

  const draws within = sample(3, options, millis(300), 2000);
  EXPECT_EQ(within.min, 300);
  EXPECT_LE(within.max, 400);
  EXPECT_GT(within.max, 300);
}

TEST(RetryDelay, ZeroBaseOrMaxMeansNoWait) {
  EXPECT_EQ(sample(3, backoff(0, 2000), {}, 100).max, 0);
  EXPECT_EQ(sample(3, backoff(100, 0), {}, 100).max, 0);
  EXPECT_EQ(sample(3, backoff(100, 0), millis(250), 100).min, 250);
}

TEST(RetryDelay, BigRetryNumbersDoNotOverflow) {
  const auto options = backoff(100, 2000);
  for (int retry : {31, 32, 63, 64, 1000, INT_MAX}) {
    const draws d = sample(retry, options, {}, 2000);
    EXPECT_GE(d.min, 0) << "retry " << retry;
    EXPECT_LE(d.max, 2000) << "retry " << retry;
    EXPECT_NEAR(d.mean, 1000, 100) << "retry " << retry;
  }
}

TEST(RetryDelay, BigBaseDoesNotOverflow) {
  // 2^40 ms doubled 30 times is past what a long long holds: the ceiling must stay at the max.
  const long long max = 1LL << 50;
  const draws d = sample(40, backoff(1LL << 40, max), {}, 2000);
  EXPECT_GE(d.min, 0);
  EXPECT_LE(d.max, max);
  EXPECT_GT(d.mean, max / 4.0);
}

TEST(RetryDelay, RetryZeroOrNegativeUsesTheBase) {
  const auto options = backoff(100, 2000);
  EXPECT_LE(sample(0, options, {}, 2000).max, 100);
  EXPECT_LE(sample(-3, options, {}, 2000).max, 100);
}

const millis max_timeout{600'000};

std::optional<long long> timeout_ms(const std::string& value, millis max = max_timeout) {
  auto parsed = parse_request_timeout(value, max);
  if (!parsed) return std::nullopt;
  return parsed->count();
}

TEST(ParseRequestTimeout, AcceptsMillisecondsAndSeconds) {
  EXPECT_EQ(timeout_ms("1500"), 1500);
  EXPECT_EQ(timeout_ms("1500ms"), 1500);
  EXPECT_EQ(timeout_ms("30s"), 30'000);
  EXPECT_EQ(timeout_ms("1"), 1);
  EXPECT_EQ(timeout_ms("1s"), 1000);
}

TEST(ParseRequestTimeout, AcceptsExactlyTheMax) {
  EXPECT_EQ(timeout_ms("600000"), 600'000);
  EXPECT_EQ(timeout_ms("600000ms"), 600'000);
  EXPECT_EQ(timeout_ms("600s"), 600'000);
}

TEST(ParseRequestTimeout, RejectsMalformedValues) {
  for (const char* bad : {"", "0", "0s", "0ms", "-5", "-5s", "abc", "10m", "1.5s", "1.5", "ms", "s",
                          " 5", "5 ", "5S", "5sec", "+5", "5mss", "0x10"}) {
    EXPECT_EQ(timeout_ms(bad), std::nullopt) << "'" << bad << "'";
  }
}

TEST(ParseRequestTimeout, RejectsValuesAboveTheMax) {
  EXPECT_EQ(timeout_ms("600001"), std::nullopt);
  EXPECT_EQ(timeout_ms("600001ms"), std::nullopt);
  EXPECT_EQ(timeout_ms("601s"), std::nullopt);
  EXPECT_EQ(timeout_ms("99999999999s"), std::nullopt);
  EXPECT_EQ(timeout_ms("9223372036854775807s"), std::nullopt);
  EXPECT_EQ(timeout_ms("99999999999999999999"), std::nullopt);
  EXPECT_EQ(timeout_ms("99999999999999999999s"), std::nullopt);
}

TEST(ParseRequestTimeout, MaxThatIsNotWholeSeconds) {
  EXPECT_EQ(timeout_ms("1500", millis(1500)), 1500);
  EXPECT_EQ(timeout_ms("1s", millis(1500)), 1000);
  EXPECT_EQ(timeout_ms("2s", millis(1500)), std::nullopt);
}

}  // namespace
}  // namespace keygate::backoff_test
