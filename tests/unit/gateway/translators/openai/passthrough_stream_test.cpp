#include "gateway/translators/openai/passthrough_stream.hpp"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <string>
#include <vector>

namespace keygate::openai::passthrough_stream_test {
namespace {

const std::string role_chunk =
    R"(data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,)"
    R"("delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null})"
    "\n\n";
const std::string content_chunk_1 =
    R"(data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,)"
    R"("delta":{"content":"Hello"},"finish_reason":null}],"usage":null})"
    "\n\n";
const std::string content_chunk_2 =
    R"(data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,)"
    R"("delta":{"content":" \"usage\": {world}"},"finish_reason":null}],"usage":null})"
    "\n\n";
const std::string finish_chunk =
    R"(data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,)"
    R"("delta":{},"finish_reason":"stop"}],"usage":null})"
    "\n\n";
const std::string usage_chunk =
    R"(data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{)"
    R"("prompt_tokens":12,"completion_tokens":7,"total_tokens":19,)"
    R"("prompt_tokens_details":{"cached_tokens":4},)"
    R"("completion_tokens_details":{"reasoning_tokens":2}}})"
    "\n\n";
const std::string done_event = "data: [DONE]\n\n";

const std::string full_stream =
    role_chunk + content_chunk_1 + content_chunk_2 + finish_chunk + usage_chunk + done_event;
const std::string stream_without_usage =
    role_chunk + content_chunk_1 + content_chunk_2 + finish_chunk + done_event;

std::string concat(const outgoing_bytes& out) {
  std::string text;
  for (const auto& b : out.buffers()) text.append(static_cast<const char*>(b.data()), b.size());
  return text;
}

// Feeds `input` cut at `cuts` (ascending offsets) and returns every byte the client would get.
std::string run(passthrough_stream& stream, std::string_view input, std::vector<std::size_t> cuts) {
  outgoing_bytes out;
  std::string sent;
  std::size_t at = 0;
  cuts.push_back(input.size());
  for (auto cut : cuts) {
    stream.feed(input.substr(at, cut - at), out);
    sent += concat(out);
    out.clear();
    at = cut;
  }
  return sent;
}

void expect_usage(const token_usage& usage) {
  EXPECT_TRUE(usage.known);
  EXPECT_EQ(usage.prompt, 12);
  EXPECT_EQ(usage.completion, 7);
  EXPECT_EQ(usage.cached, 4);
  EXPECT_EQ(usage.reasoning, 2);
  EXPECT_EQ(usage.total(), 19);
}

TEST(PassthroughStream, DropsTheUsageChunkTheClientDidNotAskFor) {
  passthrough_stream stream(false);
  EXPECT_EQ(run(stream, full_stream, {}), stream_without_usage);
  expect_usage(stream.usage());
  EXPECT_TRUE(stream.done());
  EXPECT_FALSE(stream.upstream_error());
  EXPECT_FALSE(stream.has_partial_event());
}

TEST(PassthroughStream, ForwardsEverythingWhenTheClientAskedForUsage) {
  passthrough_stream stream(true);
  EXPECT_EQ(run(stream, full_stream, {}), full_stream);
  expect_usage(stream.usage());
  EXPECT_TRUE(stream.done());
}

TEST(PassthroughStream, ForwardsWholeEventsAsViewsOfTheInput) {
  passthrough_stream stream(true);
  outgoing_bytes out;
  stream.feed(full_stream, out);
  ASSERT_EQ(out.buffers().size(), 1u);
  EXPECT_EQ(out.buffers()[0].data(), full_stream.data());
  EXPECT_EQ(out.buffers()[0].size(), full_stream.size());
}

TEST(PassthroughStream, SameOutputAtEveryTwoWaySplit) {
  for (bool wants_usage : {false, true}) {
    const std::string& expected = wants_usage ? full_stream : stream_without_usage;
    for (std::size_t cut = 1; cut < full_stream.size(); ++cut) {
      passthrough_stream stream(wants_usage);
      ASSERT_EQ(run(stream, full_stream, {cut}), expected)
          << "cut at " << cut << " wants_usage " << wants_usage;
      EXPECT_EQ(stream.usage().prompt, 12) << "cut at " << cut;
      EXPECT_EQ(stream.usage().completion, 7) << "cut at " << cut;
      EXPECT_TRUE(stream.done()) << "cut at " << cut;
    }
  }
}

TEST(PassthroughStream, SameOutputOneByteAtATime) {
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < full_stream.size(); ++i) cuts.push_back(i);
  for (bool wants_usage : {false, true}) {
    passthrough_stream stream(wants_usage);
    EXPECT_EQ(run(stream, full_stream, cuts), wants_usage ? full_stream : stream_without_usage);
    expect_usage(stream.usage());
    EXPECT_TRUE(stream.done());
  }
}

TEST(PassthroughStream, CrLfSeparatedEvents) {
  const std::string input =
      "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"usage\":null}\r\n\r\n"
      "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}\r\n\r\n"
      "data: [DONE]\r\n\r\n";
  passthrough_stream stream(false);
  const std::string sent = run(stream, input, {});
  EXPECT_EQ(sent, input.substr(0, input.find("\r\n\r\n") + 4) + "data: [DONE]\r\n\r\n");
  EXPECT_EQ(stream.usage().prompt, 3);
  EXPECT_TRUE(stream.done());
}

TEST(PassthroughStream, ErrorEventIsForwardedAndNoted) {
  const std::string input =
      role_chunk + R"(data: {"error":{"message":"overloaded","type":"server_error","code":null}})"
                   "\n\n";
  passthrough_stream stream(false);
  EXPECT_EQ(run(stream, input, {}), input);
  EXPECT_TRUE(stream.upstream_error());
  EXPECT_FALSE(stream.done());
  EXPECT_FALSE(stream.usage().known);
}

TEST(PassthroughStream, StreamCutMidEvent) {
  const std::string input = role_chunk + content_chunk_1.substr(0, 40);
  passthrough_stream stream(false);
  EXPECT_EQ(run(stream, input, {}), role_chunk);
  EXPECT_TRUE(stream.has_partial_event());
  EXPECT_FALSE(stream.done());
  EXPECT_FALSE(stream.usage().known);
}

TEST(PassthroughStream, PrettyPrintedUsageChunk) {
  const std::string usage_event =
      "data: {\"id\": \"c1\", \"choices\": [ ], \"usage\": {\"prompt_tokens\": 5, "
      "\"completion_tokens\": 9}}\n\n";
  const std::string content_event =
      "data: {\"id\": \"c1\", \"choices\": [{\"delta\": {\"content\": \"a\"}}], "
      "\"usage\": null}\n\n";
  const std::string input = content_event + usage_event + done_event;
  passthrough_stream stream(false);
  EXPECT_EQ(run(stream, input, {}), content_event + done_event);
  EXPECT_TRUE(stream.usage().known);
  EXPECT_EQ(stream.usage().prompt, 5);
  EXPECT_EQ(stream.usage().completion, 9);
  EXPECT_TRUE(stream.done());
}

TEST(PassthroughStream, UsageOnAChunkWithChoicesIsKept) {
  const std::string input =
      R"(data: {"choices":[{"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,)"
      R"("completion_tokens":2}})"
      "\n\n" +
      done_event;
  passthrough_stream stream(false);
  EXPECT_EQ(run(stream, input, {}), input);
  EXPECT_EQ(stream.usage().completion, 2);
}

TEST(PassthroughStream, CommentsAndKeepAlivesPassThrough) {
  const std::string input = ": keep-alive\n\nevent: ping\ndata: ping\n\n" + done_event;
  passthrough_stream stream(false);
  EXPECT_EQ(run(stream, input, {}), input);
  EXPECT_TRUE(stream.done());
  EXPECT_FALSE(stream.usage().known);
}

}  // namespace
}  // namespace keygate::openai::passthrough_stream_test
