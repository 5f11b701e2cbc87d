#include "gateway/pipeline/rate_limit_headers.hpp"

#include <gtest/gtest.h>

namespace keygate::rate_limit_headers_test {
namespace {

TEST(RateLimitHeaders, DurationsLookLikeOpenAIs) {
  EXPECT_EQ(reset_duration(0), "0ms");
  EXPECT_EQ(reset_duration(20), "20ms");
  EXPECT_EQ(reset_duration(1000), "1s");
  EXPECT_EQ(reset_duration(1500), "1.5s");
  EXPECT_EQ(reset_duration(360'000), "6m0s");
  EXPECT_EQ(reset_duration(61'000), "1m1s");
}

TEST(RateLimitHeaders, SetsBothTriples) {
  admission_result result;
  result.requests = bucket_report{60, 59, 1000};
  result.tokens = bucket_report{1000, 200, 48'000};
  header_block headers;
  set_rate_limit_headers(headers, result);
  EXPECT_EQ(headers.find("x-ratelimit-limit-requests"), "60");
  EXPECT_EQ(headers.find("x-ratelimit-remaining-requests"), "59");
  EXPECT_EQ(headers.find("x-ratelimit-reset-requests"), "1s");
  EXPECT_EQ(headers.find("x-ratelimit-limit-tokens"), "1000");
  EXPECT_EQ(headers.find("x-ratelimit-remaining-tokens"), "200");
  EXPECT_EQ(headers.find("x-ratelimit-reset-tokens"), "48s");
}

TEST(RateLimitHeaders, RefusalsAreOpenAIShaped) {
  admission_result result;
  result.refused = refusal::budget;
  result.refused_id = "k:key-1:b:total";
  auto error = refusal_error(result);
  EXPECT_EQ(error.status, 429);
  EXPECT_EQ(error.type, "insufficient_quota");
  EXPECT_EQ(error.code, "budget_exceeded");
  result.refused = refusal::tokens;
  result.retry_after_ms = 6000;
  error = refusal_error(result);
  EXPECT_EQ(error.type, "tokens");
  EXPECT_EQ(error.code, "rate_limit_exceeded");
  EXPECT_NE(error.message.find("6s"), std::string::npos);
  result.refused = refusal::unavailable;
  EXPECT_EQ(refusal_error(result).status, 503);
}

}  // namespace
}  // namespace keygate::rate_limit_headers_test
