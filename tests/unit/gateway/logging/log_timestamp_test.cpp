#include "gateway/logging/log_timestamp.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace keygate::log_timestamp_test {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

std::string formatted(system_clock::time_point time) {
  log_timestamp_text text;
  return std::string(format_log_timestamp(time, text));
}

// The way log lines were stamped before: gmtime_r, strftime, then the milliseconds.
std::string by_strftime(system_clock::time_point time) {
  const auto ms = std::chrono::duration_cast<milliseconds>(time.time_since_epoch()) % 1000;
  const std::time_t t = system_clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  const auto n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(ms.count()));
  return text;
}

system_clock::time_point at_ms(long long ms) {
  return system_clock::time_point(milliseconds(ms));
}

TEST(LogTimestamp, IsUtcToTheMillisecond) {
  EXPECT_EQ(formatted(at_ms(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(formatted(at_ms(1796286000105)), "2026-12-03T08:20:00.105Z");
  EXPECT_EQ(formatted(at_ms(951868799999)), "2000-02-29T23:59:59.999Z");
}

TEST(LogTimestamp, ReadsAsStrftimeWrites) {
  for (long long ms = 0; ms < 4'102'444'800'000; ms += 987'654'321)
    ASSERT_EQ(formatted(at_ms(ms)), by_strftime(at_ms(ms))) << ms;
  const auto now = system_clock::now();
  EXPECT_EQ(formatted(now), by_strftime(now));
}

}  // namespace
}  // namespace keygate::log_timestamp_test
