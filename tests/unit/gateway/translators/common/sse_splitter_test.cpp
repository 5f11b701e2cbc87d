#include "gateway/translators/common/sse_splitter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace keygate::sse_splitter_test {
namespace {

std::vector<std::string> split_at(std::string_view stream, std::vector<std::size_t> cuts) {
  sse_splitter splitter;
  std::vector<std::string> events;
  std::size_t at = 0;
  cuts.push_back(stream.size());
  for (auto cut : cuts) {
    splitter.feed(stream.substr(at, cut - at), [&](std::string_view e) { events.emplace_back(e); });
    at = cut;
  }
  return events;
}

TEST(SseSplitter, SplitsOnEverySeparatorKind) {
  const std::string stream = "data: a\n\ndata: b\r\n\r\ndata: c\r\rdata: d\n\r\n";
  auto events = split_at(stream, {});
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0], "data: a\n\n");
  EXPECT_EQ(events[1], "data: b\r\n\r\n");
  EXPECT_EQ(events[2], "data: c\r\r");
  EXPECT_EQ(events[3], "data: d\n\r\n");
}

TEST(SseSplitter, SameEventsAtEveryTwoWaySplit) {
  const std::string stream =
      "event: x\ndata: {\"a\":1}\n\n: comment\n\ndata: one\ndata: two\r\n\r\ndata: [DONE]\n\n";
  const auto whole = split_at(stream, {});
  ASSERT_EQ(whole.size(), 4u);
  for (std::size_t cut = 1; cut < stream.size(); ++cut) {
    auto events = split_at(stream, {cut});
    std::string joined, expected;
    for (auto& e : events) joined += e;
    for (auto& e : whole) expected += e;
    EXPECT_EQ(joined, expected) << "cut at " << cut;
    std::vector<std::string> data, whole_data;
    std::string scratch;
    for (auto& e : events) data.emplace_back(sse_event_data(e, scratch));
    for (auto& e : whole) whole_data.emplace_back(sse_event_data(e, scratch));
    EXPECT_EQ(data, whole_data) << "cut at " << cut;
  }
}

TEST(SseSplitter, SameEventsWhenFedOneByteAtATime) {
  const std::string stream = "data: x\r\n\r\ndata: y\r\rdata: z\n\n";
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < stream.size(); ++i) cuts.push_back(i);
  auto events = split_at(stream, cuts);
  std::string scratch;
  std::vector<std::string> data;
  for (auto& e : events) {
    auto d = sse_event_data(e, scratch);
    if (!d.empty()) data.emplace_back(d);
  }
  EXPECT_EQ(data, (std::vector<std::string>{"x", "y", "z"}));
}

TEST(SseSplitter, KeepsAnUnfinishedEventPending) {
  sse_splitter splitter;
  int count = 0;
  splitter.feed("data: partial", [&](std::string_view) { ++count; });
  EXPECT_EQ(count, 0);
  EXPECT_TRUE(splitter.has_partial_event());
  splitter.feed("\n\n", [&](std::string_view e) {
    ++count;
    EXPECT_EQ(e, "data: partial\n\n");
  });
  EXPECT_EQ(count, 1);
  EXPECT_FALSE(splitter.has_partial_event());
}

TEST(SseEventData, JoinsDataLinesAndIgnoresOtherFields) {
  std::string scratch;
  EXPECT_EQ(sse_event_data("event: ping\ndata: {}\n\n", scratch), "{}");
  EXPECT_EQ(sse_event_data("data:no-space\n\n", scratch), "no-space");
  EXPECT_EQ(sse_event_data("data: a\ndata: b\n\n", scratch), "a\nb");
  EXPECT_EQ(sse_event_data(": comment\n\n", scratch), "");
  EXPECT_EQ(sse_event_data("datum: x\n\n", scratch), "");
}

}  // namespace
}  // namespace keygate::sse_splitter_test
