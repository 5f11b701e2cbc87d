#include "gateway/base/request_id.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

namespace keygate::request_id_test {
namespace {

bool is_lower_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

TEST(MakeRequestId, IsReqFollowedBy24HexDigits) {
  for (int i = 0; i < 100; ++i) {
    const std::string id = make_request_id();
    ASSERT_EQ(id.size(), 28u) << id;
    EXPECT_EQ(id.substr(0, 4), "req_") << id;
    for (char c : id.substr(4)) EXPECT_TRUE(is_lower_hex(c)) << id;
    EXPECT_TRUE(is_acceptable_request_id(id)) << id;
  }
}

TEST(MakeRequestId, StartsWithTheTimeSoThatLaterIdsSortAfter) {
  const auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const std::string first = make_request_id();
  const std::int64_t stamped = std::stoll(first.substr(4, 12), nullptr, 16);
  EXPECT_GE(stamped, before);
  EXPECT_LT(stamped, before + 60'000);
  std::string previous = first;
  for (int i = 0; i < 1000; ++i) {
    const std::string next = make_request_id();
    EXPECT_GE(next.substr(4, 12), previous.substr(4, 12)) << previous << " then " << next;
    previous = next;
  }
}

TEST(MakeRequestId, UniqueAcrossManyCalls) {
  std::unordered_set<std::string> seen;
  for (int i = 0; i < 100'000; ++i) EXPECT_TRUE(seen.insert(make_request_id()).second);
}

TEST(MakeRequestId, UniqueAcrossThreads) {
  constexpr int per_thread = 1000;
  std::vector<std::vector<std::string>> ids(4);
  std::vector<std::thread> threads;
  for (auto& list : ids)
    threads.emplace_back([&list] {
      for (int i = 0; i < per_thread; ++i) list.push_back(make_request_id());
    });
  for (auto& t : threads) t.join();
  std::unordered_set<std::string> seen;
  for (const auto& list : ids)
    for (const auto& id : list) EXPECT_TRUE(seen.insert(id).second) << id;
  EXPECT_EQ(seen.size(), 4u * per_thread);
}

TEST(IsAcceptableRequestId, AcceptsPrintableAscii) {
  EXPECT_TRUE(is_acceptable_request_id("a"));
  EXPECT_TRUE(is_acceptable_request_id("req_0123abcd"));
  EXPECT_TRUE(is_acceptable_request_id("3f2b-41c9/x:y=z~!{}"));
  EXPECT_TRUE(is_acceptable_request_id(std::string(128, 'x')));
}

TEST(IsAcceptableRequestId, RejectsEmptyAndTooLong) {
  EXPECT_FALSE(is_acceptable_request_id(""));
  EXPECT_FALSE(is_acceptable_request_id(std::string(129, 'x')));
}

TEST(IsAcceptableRequestId, RejectsSpacesAndControlCharacters) {
  EXPECT_FALSE(is_acceptable_request_id("has space"));
  EXPECT_FALSE(is_acceptable_request_id(" lead"));
  EXPECT_FALSE(is_acceptable_request_id("tab\there"));
  EXPECT_FALSE(is_acceptable_request_id("crlf\r\nX-Injected: 1"));
  EXPECT_FALSE(is_acceptable_request_id(std::string("nul\0byte", 8)));
  EXPECT_FALSE(is_acceptable_request_id("del\x7f"));
}

TEST(IsAcceptableRequestId, RejectsNonAscii) {
  EXPECT_FALSE(is_acceptable_request_id("caf\xc3\xa9"));
  EXPECT_FALSE(is_acceptable_request_id("\xff"));
}

}  // namespace
}  // namespace keygate::request_id_test
