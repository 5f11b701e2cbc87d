#include "gateway/accounting/cost.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace keygate::cost_test {
namespace {

token_usage usage(std::int64_t prompt, std::int64_t completion, std::int64_t cached = 0,
                  std::int64_t cache_write = 0, std::int64_t reasoning = 0) {
  return {prompt, completion, cached, cache_write, reasoning, true};
}

const token_prices gpt_4o{.input = 2.5, .output = 10, .cached_input = 1.25};
const token_prices sonnet{.input = 3, .output = 15, .cached_input = 0.3, .cache_write = 3.75};

TEST(CostNanos, PromptAndCompletion) {
  // 1000 × $2.50/M + 500 × $10/M = $0.0025 + $0.005
  EXPECT_EQ(cost_nanos(usage(1000, 500), gpt_4o), 7'500'000);
}

TEST(CostNanos, CachedTokensAtTheCachedRate) {
  // 600 uncached × 2.5 + 400 cached × 1.25 + 500 × 10, in pico-USD: 1.5e9 + 0.5e9 + 5e9
  EXPECT_EQ(cost_nanos(usage(1000, 500, 400), gpt_4o), 7'000'000);
}

TEST(CostNanos, CacheWritesAndReadsAsAnthropicBillsThem) {
  // 2000 uncached × 3 + 6000 read × 0.30 + 2000 written × 3.75 + 1000 out × 15 = $0.0303
  EXPECT_EQ(cost_nanos(usage(10'000, 1000, 6000, 2000), sonnet), 30'300'000);
}

TEST(CostNanos, UnsetCachePricesDefaultToInput) {
  const token_prices flat{.input = 2, .output = 8};
  EXPECT_EQ(cost_nanos(usage(1000, 0, 300, 200), flat), 2'000'000);
}

TEST(CostNanos, ReasoningAtItsOwnRateOrElseAtOutput) {
  const token_prices deep_research{.input = 2, .output = 8, .reasoning = 3};
  // 100 × 2 + 200 visible × 8 + 800 reasoning × 3 = 0.2e9 + 1.6e9 + 2.4e9 pico-USD
  EXPECT_EQ(cost_nanos(usage(100, 1000, 0, 0, 800), deep_research), 4'200'000);
  const token_prices o3{.input = 2, .output = 8};
  EXPECT_EQ(cost_nanos(usage(0, 1000, 0, 0, 900), o3), 8'000'000);
}

TEST(CostNanos, ZeroUsageCostsNothing) {
  EXPECT_EQ(cost_nanos(token_usage{}, sonnet), 0);
  EXPECT_EQ(cost_nanos(usage(1000, 1000), token_prices{}), 0);
}

TEST(CostNanos, RoundsToTheNearestNano) {
  const token_prices half_nano{.input = 0.0005, .output = 0.0004};  // 500 and 400 pico per token
  EXPECT_EQ(cost_nanos(usage(1, 0), half_nano), 1);                 // 0.5 up
  EXPECT_EQ(cost_nanos(usage(0, 1), half_nano), 0);                 // 0.4 down
  EXPECT_EQ(cost_nanos(usage(3, 0), half_nano), 2);                 // 1.5 up
  EXPECT_EQ(cost_nanos(usage(0, 4), half_nano), 2);                 // 1.6 up
}

TEST(CostNanos, DecimalPricesAreExact) {
  // Neither 0.15 nor 0.075 is exact in binary; a million tokens must still cost exactly them.
  const token_prices mini{.input = 0.15, .output = 0.6, .cached_input = 0.075};
  EXPECT_EQ(cost_nanos(usage(1'000'000, 0), mini), 150'000'000);
  EXPECT_EQ(cost_nanos(usage(1'000'000, 0, 1'000'000), mini), 75'000'000);
  EXPECT_EQ(cost_nanos(usage(3, 7), mini), 4'650);  // 3 × 150 + 7 × 600 nanos
}

TEST(CostNanos, HugeCountsDoNotOverflow) {
  // 4e12 tokens × 2.5e6 pico-USD is 1e19 pico-USD, past int64; the answer, $10M, is not.
  EXPECT_EQ(cost_nanos(usage(4'000'000'000'000, 0), gpt_4o), 10'000'000'000'000'000);
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  const token_prices dear{.input = 1e6, .output = 1e6};
  EXPECT_EQ(cost_nanos(usage(max, max, 0, 0, max), dear), max);
}

TEST(CostNanos, InconsistentCountsNeverGoNegative) {
  // Cached and written tokens are billed as reported; the uncached rest stops at zero.
  EXPECT_EQ(cost_nanos(usage(100, 0, 80, 50), sonnet), 211'500);  // 80 × 0.3 + 50 × 3.75
  // More reasoning than completion: no visible output, reasoning billed as reported.
  EXPECT_EQ(cost_nanos(usage(0, 10, 0, 0, 20), gpt_4o), 200'000);
  EXPECT_EQ(cost_nanos(usage(-5, -5, -5, -5, -5), gpt_4o), 0);
}

TEST(CostNanos, LongPromptRatesApplyToTheWholeRequestPastTheThreshold) {
  token_prices haiku{.input = 0.1, .output = 0.5, .cached_input = 0.01};
  haiku.long_prompt = long_prompt_prices{.above_tokens = 100'000, .input = 0.5, .output = 2.5};
  EXPECT_EQ(cost_nanos(usage(100'000, 1000), haiku), 10'500'000);  // at the threshold: base
  EXPECT_EQ(cost_nanos(usage(100'001, 1000), haiku), 52'500'500);  // past it: every token 5x
  // The tier's own unset cache price defaults to the tier's input.
  EXPECT_EQ(cost_nanos(usage(200'000, 0, 200'000), haiku), 100'000'000);
}

TEST(FormatUsd, TrimsTrailingZerosButKeepsOneDecimal) {
  EXPECT_EQ(format_usd(0), "0.0");
  EXPECT_EQ(format_usd(1), "0.000000001");
  EXPECT_EQ(format_usd(123), "0.000000123");
  EXPECT_EQ(format_usd(7'000'000), "0.007");
  EXPECT_EQ(format_usd(30'300'000), "0.0303");
  EXPECT_EQ(format_usd(1'000'000'000), "1.0");
  EXPECT_EQ(format_usd(1'500'000'000), "1.5");
  EXPECT_EQ(format_usd(12'345'678'901), "12.345678901");
}

TEST(FormatUsd, ExtremesAndNegatives) {
  EXPECT_EQ(format_usd(-5), "-0.000000005");
  EXPECT_EQ(format_usd(std::numeric_limits<std::int64_t>::max()), "9223372036.854775807");
  EXPECT_EQ(format_usd(std::numeric_limits<std::int64_t>::min()), "-9223372036.854775808");
}

}  // namespace
}  // namespace keygate::cost_test
