#include "gateway/engine/upstream_error.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>

namespace keygate::upstream_error_test {
namespace {

using std::chrono::milliseconds;

TEST(ClientStatusForUpstream, MapsProviderSpecificStatuses) {
  EXPECT_EQ(client_status_for_upstream(529), 503);
  EXPECT_EQ(client_status_for_upstream(424), 502);
  EXPECT_EQ(client_status_for_upstream(498), 401);
  EXPECT_EQ(client_status_for_upstream(499), 502);
}

TEST(ClientStatusForUpstream, KeepsOtherErrorStatuses) {
  for (int status : {400, 401, 403, 404, 413, 422, 429, 500, 502, 503, 504})
    EXPECT_EQ(client_status_for_upstream(status), status) << status;
}

TEST(ClientStatusForUpstream, NonErrorStatusesBecome502) {
  for (int status : {0, 101, 200, 204, 301, 304, 600})
    EXPECT_EQ(client_status_for_upstream(status), 502) << status;
}

TEST(DefaultUpstreamError, TypeAndCodeFollowTheClientStatus) {
  auto e = default_upstream_error(529);
  EXPECT_EQ(e.status, 503);
  EXPECT_EQ(e.type, "server_error");
  EXPECT_EQ(e.code, "overloaded");
  EXPECT_THAT(e.message, testing::HasSubstr("529"));

  e = default_upstream_error(429);
  EXPECT_EQ(e.status, 429);
  EXPECT_EQ(e.type, "rate_limit_error");
  EXPECT_EQ(e.code, "rate_limit_exceeded");

  e = default_upstream_error(498);
  EXPECT_EQ(e.status, 401);
  EXPECT_EQ(e.type, "authentication_error");
  EXPECT_EQ(e.code, "invalid_api_key");
}

TEST(ParseGoDuration, AcceptsGoFormats) {
  EXPECT_EQ(parse_go_duration("1s"), milliseconds(1000));
  EXPECT_EQ(parse_go_duration("6m0s"), milliseconds(360'000));
  EXPECT_EQ(parse_go_duration("12ms"), milliseconds(12));
  EXPECT_EQ(parse_go_duration("1.5s"), milliseconds(1500));
  EXPECT_EQ(parse_go_duration("1h2m"), milliseconds(3'720'000));
  EXPECT_EQ(parse_go_duration("0s"), milliseconds(0));
  EXPECT_EQ(parse_go_duration("2m30.25s"), milliseconds(150'250));
  EXPECT_EQ(parse_go_duration("1500us"), milliseconds(2));
  EXPECT_EQ(parse_go_duration("2500\xc2\xb5s"), milliseconds(3));  // Go writes "µs"
}

TEST(ParseGoDuration, RejectsBadInput) {
  for (const char* bad : {"", "s", "5", "1x", "1.2.3s", "-1s", "1s ", " 1s", "1 s", "ms", "1sm"})
    EXPECT_EQ(parse_go_duration(bad), std::nullopt) << '"' << bad << '"';
}

TEST(UpstreamRetryAfter, MillisecondsHeaderWins) {
  boost::beast::http::fields headers;
  headers.set("retry-after-ms", "250");
  headers.set("retry-after", "9");
  headers.set("x-ratelimit-reset-requests", "1m");
  EXPECT_EQ(upstream_retry_after(headers), milliseconds(250));
}

TEST(UpstreamRetryAfter, Seconds) {
  boost::beast::http::fields headers;
  headers.set("Retry-After", "3");
  headers.set("x-ratelimit-reset-tokens", "1m");
  EXPECT_EQ(upstream_retry_after(headers), milliseconds(3000));
}

TEST(UpstreamRetryAfter, HttpDateInTheFuture) {
  const std::time_t at = std::time(nullptr) + 120;
  std::tm tm{};
  gmtime_r(&at, &tm);
  char text[64];
  ASSERT_GT(std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm), 0u);
  boost::beast::http::fields headers;
  headers.set("retry-after", text);
  auto delay = upstream_retry_after(headers);
  ASSERT_TRUE(delay.has_value()) << text;
  EXPECT_GE(*delay, milliseconds(115'000)) << text;
  EXPECT_LE(*delay, milliseconds(121'000)) << text;
}

TEST(UpstreamRetryAfter, HttpDateInThePastIsZero) {
  boost::beast::http::fields headers;
  headers.set("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_EQ(upstream_retry_after(headers), milliseconds(0));
}

TEST(UpstreamRetryAfter, LongestRateLimitReset) {
  boost::beast::http::fields headers;
  headers.set("x-ratelimit-reset-requests", "1s");
  headers.set("x-ratelimit-reset-tokens", "6m0s");
  EXPECT_EQ(upstream_retry_after(headers), milliseconds(360'000));

  headers.set("x-ratelimit-reset-requests", "7m");
  EXPECT_EQ(upstream_retry_after(headers), milliseconds(420'000));

  headers.set("x-ratelimit-reset-requests", "garbage");
  EXPECT_EQ(upstream_retry_after(headers), milliseconds(360'000));
}

TEST(UpstreamRetryAfter, UnparsableRetryAfterFallsBackToResets) {
  boost::beast::http::fields headers;
  headers.set("retry-after", "soon");
  headers.set("x-ratelimit-reset-tokens", "12ms");
  EXPECT_EQ(upstream_retry_after(headers), milliseconds(12));
}

TEST(UpstreamRetryAfter, HugeOrNonFiniteNumbersDoNotOverflow) {
  for (const char* value : {"1e300", "inf", "99999999999999999999999"}) {
    boost::beast::http::fields headers;
    headers.set("retry-after", value);
    auto delay = upstream_retry_after(headers);
    ASSERT_TRUE(delay.has_value()) << value;
    EXPECT_GT(delay->count(), 0) << value;
  }
  boost::beast::http::fields headers;
  headers.set("retry-after-ms", "nan");
  headers.set("x-ratelimit-reset-tokens", "9999999999999999999999h9999999999999999999999h");
  auto delay = upstream_retry_after(headers);
  ASSERT_TRUE(delay.has_value());
  EXPECT_GT(delay->count(), 0);
}

TEST(ParseRfc3339, UtcFractionAndOffsets) {
  using std::chrono::system_clock;
  const auto epoch_plus = [](long long seconds) {
    return system_clock::from_time_t(static_cast<std::time_t>(seconds));
  };
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:01:00Z"), epoch_plus(60));
  EXPECT_EQ(parse_rfc3339("1970-01-01T01:00:00+01:00"), epoch_plus(0));
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00-00:30"), epoch_plus(1800));
  auto fractional = parse_rfc3339("1970-01-01T00:00:01.250Z");
  ASSERT_TRUE(fractional);
  EXPECT_EQ(std::chrono::duration_cast<milliseconds>(*fractional - epoch_plus(0)).count(), 1250);
}

// Found by fuzzing: a far-future year overflowed system_clock's nanoseconds (undefined behaviour).
TEST(ParseRfc3339, RejectsYearsTheClockCannotHold) {
  EXPECT_FALSE(parse_rfc3339("4052-01-01T00:00:00.3Z"));
  EXPECT_FALSE(parse_rfc3339("1969-12-31T23:59:59Z"));
  EXPECT_TRUE(parse_rfc3339("2200-12-31T23:59:59Z"));
}

TEST(ParseRfc3339, RejectsOtherFormats) {
  for (const char* text : {"", "2026-01-01", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z",
                           "2026-01-01T00:00:00Zjunk", "Thu, 01 Jan 2026 00:00:00 GMT"})
    EXPECT_FALSE(parse_rfc3339(text)) << text;
}

std::string rfc3339_in(std::chrono::seconds delta) {
  const std::time_t at =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + delta);
  std::tm tm{};
  gmtime_r(&at, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

TEST(UpstreamRetryAfter, AnthropicResetOfTheSpentLimit) {
  boost::beast::http::fields headers;
  headers.set("anthropic-ratelimit-requests-remaining", "0");
  headers.set("anthropic-ratelimit-requests-reset", rfc3339_in(std::chrono::seconds(10)));
  headers.set("anthropic-ratelimit-tokens-remaining", "5000");
  headers.set("anthropic-ratelimit-tokens-reset", rfc3339_in(std::chrono::seconds(50)));
  auto wait = upstream_retry_after(headers);
  ASSERT_TRUE(wait);
  EXPECT_GT(*wait, milliseconds(8'000));
  EXPECT_LE(*wait, milliseconds(10'000));
}

TEST(UpstreamRetryAfter, AnthropicLatestResetWhenNoneIsSpent) {
  boost::beast::http::fields headers;
  headers.set("anthropic-ratelimit-input-tokens-reset", rfc3339_in(std::chrono::seconds(5)));
  headers.set("anthropic-ratelimit-output-tokens-reset", rfc3339_in(std::chrono::seconds(30)));
  auto wait = upstream_retry_after(headers);
  ASSERT_TRUE(wait);
  EXPECT_GT(*wait, milliseconds(28'000));
}

TEST(UpstreamRetryAfter, RetryAfterWinsOverAnthropicResets) {
  boost::beast::http::fields headers;
  headers.set("retry-after", "3");
  headers.set("anthropic-ratelimit-requests-reset", rfc3339_in(std::chrono::seconds(30)));
  EXPECT_EQ(upstream_retry_after(headers), milliseconds(3000));
}

TEST(UpstreamRetryAfter, NoneIsNullopt) {
  boost::beast::http::fields headers;
  EXPECT_EQ(upstream_retry_after(headers), std::nullopt);
  headers.set("content-type", "application/json");
  headers.set("retry-after", "later");
  EXPECT_EQ(upstream_retry_after(headers), std::nullopt);
}

TEST(TransportError, TimeoutsAre504) {
  for (auto failure : {upstream_failure::connect_timeout, upstream_failure::first_byte_timeout,
                       upstream_failure::between_chunks_timeout, upstream_failure::total_timeout}) {
    auto e = transport_error(failure, "");
    EXPECT_EQ(e.status, 504);
    EXPECT_EQ(e.type, "timeout_error");
    EXPECT_EQ(e.code, "upstream_timeout");
    EXPECT_EQ(e.message, std::string(describe(failure)) + ".");
  }
}

TEST(TransportError, ConnectFailuresAre502Unreachable) {
  for (auto failure : {upstream_failure::connect, upstream_failure::resolve}) {
    auto e = transport_error(failure, "Connection refused");
    EXPECT_EQ(e.status, 502);
    EXPECT_EQ(e.type, "server_error");
    EXPECT_EQ(e.code, "upstream_unreachable");
    EXPECT_EQ(e.message, std::string(describe(failure)) + " (Connection refused).");
  }
}

TEST(TransportError, LostConnection) {
  auto e = transport_error(upstream_failure::connection_lost, "eof");
  EXPECT_EQ(e.status, 502);
  EXPECT_EQ(e.code, "upstream_connection_lost");
}

}  // namespace
}  // namespace keygate::upstream_error_test
