// The eventstream decoder and encoder against the frames of
// docs/bedrock.md#answers-response_parsercpp-converse_streamcpp-finish_and_usagecpp, at every
// split.
#include "gateway/translators/bedrock/event_stream.hpp"

#include <gtest/gtest.h>

namespace keygate::aws::event_stream_test {
namespace {

std::string from_hex(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(text.substr(i, 2)), nullptr, 16));
  return out;
}

// A contentBlockDelta with three string headers and a "p" padding field.
const std::string frame_one = from_hex(
    "0000009f00000057c37babff0b3a6576656e742d74797065070011636f6e7465"
    "6e74426c6f636b44656c74610d3a636f6e74656e742d74797065070010617070"
    "6c69636174696f6e2f6a736f6e0d3a6d6573736167652d747970650700056576"
    "656e747b22636f6e74656e74426c6f636b496e646578223a302c2264656c7461"
    "223a7b2274657874223a224869227d2c2270223a2261626364227df2ace5ff");
const std::string frame_two = from_hex(
    "0000003d0000002007fd83960c636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b2766"
    "6f6f273a27626172277d8d9c08b1");

TEST(Crc32, MatchesZlib) {
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(crc32(""), 0u);
  EXPECT_EQ(crc32("6789", crc32("12345")), 0xCBF43926u);
}

TEST(EventStream, DecodesTheDocumentedFrames) {
  event_stream_decoder decoder;
  std::vector<event_message> messages;
  decoder.feed(frame_one + frame_two, messages);
  ASSERT_FALSE(decoder.error()) << *decoder.error();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].header(":event-type"), "contentBlockDelta");
  EXPECT_EQ(messages[0].header(":message-type"), "event");
  EXPECT_EQ(messages[0].payload, R"({"contentBlockIndex":0,"delta":{"text":"Hi"},"p":"abcd"})");
  EXPECT_EQ(messages[1].header("content-type"), "application/json");
  EXPECT_EQ(messages[1].payload, "{'foo':'bar'}");
  EXPECT_EQ(decoder.pending(), 0u);
}

TEST(EventStream, EncodesTheDocumentedFrame) {
  EXPECT_EQ(encode_event("contentBlockDelta",
                         R"({"contentBlockIndex":0,"delta":{"text":"Hi"},"p":"abcd"})"),
            frame_one);
}

TEST(EventStream, DecodesAtEveryByteSplit) {
  const std::string bytes = frame_one + frame_two;
  for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
    event_stream_decoder decoder;
    std::vector<event_message> messages;
    decoder.feed(bytes.substr(0, cut), messages);
    decoder.feed(bytes.substr(cut), messages);
    ASSERT_EQ(messages.size(), 2u) << "split at " << cut;
    EXPECT_EQ(messages[1].payload, "{'foo':'bar'}");
  }
  event_stream_decoder decoder;
  std::vector<event_message> messages;
  for (char c : bytes) decoder.feed(std::string_view(&c, 1), messages);
  EXPECT_EQ(messages.size(), 2u);
}

TEST(EventStream, ReadsEveryHeaderType) {
  event_message m;
  m.headers = {{"t", 0, "", 1},
               {"f", 1, "", 0},
               {"i8", 2, "", -5},
               {"i16", 3, "", -300},
               {"i32", 4, "", 70000},
               {"i64", 5, "", -(std::int64_t{1} << 40)},
               {"bytes", 6, "\x01\x02", 0},
               {"s", 7, "text", 0},
               {"time", 8, "", 1700000000000},
               {"uuid", 9, std::string(16, '\x07'), 0}};
  m.payload = "{}";
  event_stream_decoder decoder;
  std::vector<event_message> messages;
  decoder.feed(encode_event_message(m), messages);
  ASSERT_EQ(messages.size(), 1u);
  const auto& headers = messages[0].headers;
  ASSERT_EQ(headers.size(), m.headers.size());
  for (std::size_t i = 0; i < headers.size(); ++i) {
    EXPECT_EQ(headers[i].name, m.headers[i].name);
    EXPECT_EQ(headers[i].type, m.headers[i].type);
    EXPECT_EQ(headers[i].number, m.headers[i].number) << headers[i].name;
    EXPECT_EQ(headers[i].text, m.headers[i].text) << headers[i].name;
  }
  EXPECT_EQ(messages[0].header("s"), "text");
}

TEST(EventStream, BadPreludeCrcIsAnError) {
  std::string bytes = frame_one;
  bytes[9] ^= 1;
  event_stream_decoder decoder;
  std::vector<event_message> messages;
  decoder.feed(bytes + frame_two, messages);
  EXPECT_TRUE(messages.empty());
  ASSERT_TRUE(decoder.error());
  decoder.feed(frame_two, messages);  // nothing after a broken frame
  EXPECT_TRUE(messages.empty());
}

TEST(EventStream, BadMessageCrcIsAnErrorAfterTheGoodFrames) {
  std::string broken = frame_two;
  broken[20] ^= 0x20;  // inside the headers
  event_stream_decoder decoder;
  std::vector<event_message> messages;
  decoder.feed(frame_one + broken, messages);
  EXPECT_EQ(messages.size(), 1u);
  EXPECT_TRUE(decoder.error());
}

TEST(EventStream, ImpossibleLengthsAreAnError) {
  std::string prelude = from_hex("0000000400000000");  // total shorter than a prelude
  const auto crc = crc32(prelude);
  for (int shift = 24; shift >= 0; shift -= 8) prelude += static_cast<char>((crc >> shift) & 0xff);
  event_stream_decoder decoder;
  std::vector<event_message> messages;
  decoder.feed(prelude, messages);
  EXPECT_TRUE(decoder.error());
}

TEST(EventStream, AnIncompleteFrameWaits) {
  event_stream_decoder decoder;
  std::vector<event_message> messages;
  decoder.feed(frame_one.substr(0, 40), messages);
  EXPECT_TRUE(messages.empty());
  EXPECT_FALSE(decoder.error());
  EXPECT_EQ(decoder.pending(), 40u);
}

}  // namespace
}  // namespace keygate::aws::event_stream_test
