#include "gateway/accounting/ledger_record_codec.hpp"

#include <gtest/gtest.h>

#include <string>

#include "ledger_test_support.hpp"

namespace keygate::ledger_record_codec_test {
namespace {

ledger_record full_record() {
  auto r = test::sample_record(6);  // a cost, a TTFT, usage known
  r.end_user = "bob";
  r.cache_hit = true;
  r.saved_nanos = 77;
  r.attempt_log = R"([{"deployment":"a","status":429}])";
  r.usage.unit = usage_unit::audio_seconds;
  r.usage.units = 1.5;
  return r;
}

TEST(LedgerRecordCodec, EveryFieldRoundTrips) {
  std::string bytes;
  const auto first = full_record();
  auto second = test::sample_record(4);  // no cost, no TTFT, nothing saved
  second.ttft_ms.reset();
  encode_ledger_frame(first, bytes);
  encode_ledger_frame(second, bytes);
  const auto decoded = decode_ledger_frames(bytes);
  ASSERT_EQ(decoded.records.size(), 2u);
  EXPECT_EQ(decoded.bytes_used, bytes.size());
  test::expect_same_record(decoded.records[0], first);
  EXPECT_EQ(decoded.records[0].end_user, "bob");
  EXPECT_TRUE(decoded.records[0].cache_hit);
  EXPECT_EQ(decoded.records[0].saved_nanos, 77);
  EXPECT_EQ(decoded.records[0].attempt_log, first.attempt_log);
  EXPECT_EQ(decoded.records[0].usage.unit, usage_unit::audio_seconds);
  EXPECT_EQ(decoded.records[0].usage.units, 1.5);
  test::expect_same_record(decoded.records[1], second);
  EXPECT_FALSE(decoded.records[1].cost_nanos);
  EXPECT_FALSE(decoded.records[1].ttft_ms);
  EXPECT_FALSE(decoded.records[1].saved_nanos);
}

TEST(LedgerRecordCodec, AFrameCutShortEndsTheReadAndKeepsTheFramesBefore) {
  std::string bytes;
  encode_ledger_frame(test::sample_record(1), bytes);
  const auto whole = bytes.size();
  encode_ledger_frame(test::sample_record(2), bytes);
  for (std::size_t cut = whole; cut < bytes.size(); ++cut) {
    const auto decoded = decode_ledger_frames(std::string_view(bytes).substr(0, cut));
    ASSERT_EQ(decoded.records.size(), 1u) << "cut at " << cut;
    EXPECT_EQ(decoded.records[0].request_id, "req-1");
    EXPECT_EQ(decoded.bytes_used, whole);
  }
}

TEST(LedgerRecordCodec, AChangedByteFailsTheCheck) {
  std::string bytes;
  encode_ledger_frame(test::sample_record(1), bytes);
  const auto whole = bytes.size();
  encode_ledger_frame(test::sample_record(2), bytes);
  bytes[whole + 40] ^= 0x01;  // inside the second frame's payload
  const auto decoded = decode_ledger_frames(bytes);
  ASSERT_EQ(decoded.records.size(), 1u);
  EXPECT_EQ(decoded.bytes_used, whole);
}

TEST(LedgerRecordCodec, BytesThatAreNotFramesGiveNothing) {
  EXPECT_TRUE(decode_ledger_frames("").records.empty());
  EXPECT_TRUE(decode_ledger_frames("not a journal at all, just text").records.empty());
  EXPECT_TRUE(decode_ledger_frames(std::string(64, '\0')).records.empty());
}

}  // namespace
}  // namespace keygate::ledger_record_codec_test
