// ConverseStream cases the golden fixtures do not hold: bytes in another protocol, and usage that
// arrives before the stop.
#include "gateway/translators/bedrock/converse_stream.hpp"

#include <gtest/gtest.h>

#include "gateway/translators/bedrock/event_stream.hpp"
#include "tests/unit/gateway/translators/golden_normalize.hpp"

namespace keygate::bedrock::converse_stream_test {
namespace {

std::string sent(const outgoing_bytes& out) {
  return golden::flatten(out);
}

TEST(ConverseStream, JsonInsteadOfAnEventStreamIsMalformed) {
  converse_stream stream(false, false, false, "m");
  outgoing_bytes out;
  stream.feed(R"({"message":"The security token included in the request is invalid."})", out);
  EXPECT_TRUE(stream.malformed());
  EXPECT_FALSE(stream.done());
  EXPECT_FALSE(out.empty());  // something for the gateway to notice
}

TEST(ConverseStream, UsageBeforeTheStopStillEndsTheStream) {
  converse_stream stream(true, false, false, "m");
  outgoing_bytes out;
  const std::string text_delta = R"({"contentBlockIndex":0,"delta":{"text":"Hi"}})";
  stream.feed(aws::encode_event("contentBlockDelta", text_delta) +
                  aws::encode_event("metadata", R"({"usage":{"inputTokens":2,"outputTokens":1}})"),
              out);
  EXPECT_FALSE(stream.done());
  stream.feed(aws::encode_event("messageStop", R"({"stopReason":"end_turn"})"), out);
  EXPECT_TRUE(stream.done());
  EXPECT_EQ(stream.usage().prompt, 2);
  const auto text = sent(out);
  EXPECT_NE(text.find(R"("prompt_tokens":2)"), std::string::npos) << text;
  EXPECT_TRUE(text.ends_with("data: [DONE]\n\n")) << text;
}

TEST(ConverseStream, NothingAfterTheEnd) {
  converse_stream stream(false, false, false, "m");
  outgoing_bytes out;
  stream.feed(aws::encode_event("messageStop", R"({"stopReason":"end_turn"})") +
                  aws::encode_event("metadata", R"({"usage":{}})"),
              out);
  ASSERT_TRUE(stream.done());
  outgoing_bytes more;
  const std::string text_delta = R"({"contentBlockIndex":0,"delta":{"text":"x"}})";
  stream.feed(aws::encode_event("contentBlockDelta", text_delta), more);
  EXPECT_TRUE(more.empty());
}

}  // namespace
}  // namespace keygate::bedrock::converse_stream_test

namespace keygate::bedrock::converse_stream_test {
namespace {

// Any single flipped byte in a valid stream is caught by a CRC (or breaks nothing it covers): the
// translator never crashes and never reports a corrupted stream as a success.
TEST(ConverseStream, EveryFlippedByteIsCaught) {
  const std::string bytes =
      aws::encode_event("messageStart", R"({"role":"assistant"})") +
      aws::encode_event("contentBlockDelta", R"({"contentBlockIndex":0,"delta":{"text":"Hi"}})") +
      aws::encode_event("messageStop", R"({"stopReason":"end_turn"})") +
      aws::encode_event("metadata", R"({"usage":{"inputTokens":1,"outputTokens":1}})");
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    std::string broken = bytes;
    broken[at] = static_cast<char>(broken[at] ^ 0x5a);
    converse_stream stream(false, false, false, "m");
    outgoing_bytes out;
    stream.feed(broken, out);
    EXPECT_FALSE(stream.done()) << "flipped byte " << at;
    EXPECT_TRUE(stream.upstream_error() || stream.malformed()) << "flipped byte " << at;
  }
}

}  // namespace
}  // namespace keygate::bedrock::converse_stream_test
