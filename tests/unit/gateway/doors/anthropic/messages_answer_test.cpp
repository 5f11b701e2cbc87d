// Canonical answers into Anthropic's Messages dialect: whole messages, and the event stream at
// every byte split of the canonical stream (the shapes of docs/front-doors.md#anthropic-messages).
#include "gateway/doors/anthropic/messages_answer.hpp"

#include <gtest/gtest.h>

#include "tests/unit/gateway/doors/common/encoder_harness.hpp"

namespace keygate::doors::anthropic::messages_answer_test {
namespace {

using doors::testing::encode_split;
using doors::testing::normalized;

constexpr std::string_view text_stream =
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":"
    "\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
    "\"finish_reason\":null}],\"usage\":null}\n\n"
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":"
    "\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}],"
    "\"usage\":null}\n\n"
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":"
    "\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo.\"},\"finish_reason\":null}],"
    "\"usage\":null}\n\n"
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":"
    "\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}"
    "\n\n"
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":"
    "\"gpt-x\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":2,"
    "\"total_tokens\":14,\"prompt_tokens_details\":{\"cached_tokens\":4}}}\n\n"
    "data: [DONE]\n\n";

constexpr std::string_view text_events =
    "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_X\","
    "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"gpt-x\",\"content\":[],"
    "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,"
    "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":0}}}\n\n"
    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
    "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
    "{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n"
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
    "{\"type\":\"text_delta\",\"text\":\"lo.\"}}\n\n"
    "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
    "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
    "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":8,"
    "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":4,\"output_tokens\":2}}\n\n"
    "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

constexpr std::string_view tool_stream =
    "data: {\"id\":\"c\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
    "\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":"
    "\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}"
    "\n\n"
    "data: {\"id\":\"c\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":"
    "[{\"index\":0,\"function\":{\"arguments\":\"{\\\"path\\\":\"}}]},\"finish_reason\":null}]}"
    "\n\n"
    "data: {\"id\":\"c\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":"
    "[{\"index\":0,\"function\":{\"arguments\":\"\\\"a.txt\\\"}\"}}]},\"finish_reason\":null}]}"
    "\n\n"
    "data: {\"id\":\"c\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{},"
    "\"finish_reason\":\"tool_calls\"}]}\n\n"
    "data: [DONE]\n\n";

constexpr std::string_view tool_events =
    "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_X\","
    "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"gpt-x\",\"content\":[],"
    "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,"
    "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":0}}}\n\n"
    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
    "\"content_block\":{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"Read\",\"input\":{}}}"
    "\n\n"
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
    "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"path\\\":\"}}\n\n"
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
    "{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"a.txt\\\"}\"}}\n\n"
    "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
    "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
    "\"tool_use\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":5,"
    "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":3}}\n\n"
    "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

void no_setup(messages_encoder&) {}

TEST(MessagesEncoder, TextStreamAtEveryByteSplit) {
  token_usage usage{12, 2, 4, 0, 0, true};
  for (std::size_t split = 0; split <= text_stream.size(); ++split)
    ASSERT_EQ(encode_split<messages_encoder>(text_stream, split, usage, no_setup), text_events)
        << "split at " << split;
}

TEST(MessagesEncoder, ToolCallStreamAtEveryByteSplit) {
  token_usage usage{5, 3, 0, 0, 0, true};
  for (std::size_t split = 0; split <= tool_stream.size(); ++split)
    ASSERT_EQ(encode_split<messages_encoder>(tool_stream, split, usage, no_setup), tool_events)
        << "split at " << split;
}

TEST(MessagesEncoder, ReasoningThenTextAreTwoBlocks) {
  constexpr std::string_view stream =
      "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"hm\"}}]}"
      "\n\n"
      "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}\n\n"
      "data: [DONE]\n\n";
  const auto out = encode_split<messages_encoder>(stream, 0, token_usage{}, no_setup);
  EXPECT_NE(
      out.find(R"("index":0,"content_block":{"type":"thinking","thinking":"","signature":""})"),
      std::string::npos)
      << out;
  EXPECT_NE(out.find(R"({"type":"thinking_delta","thinking":"hm"})"), std::string::npos);
  EXPECT_NE(out.find(R"("index":1,"content_block":{"type":"text","text":""})"), std::string::npos);
}

TEST(MessagesEncoder, AnUpstreamErrorEndsTheStreamWithAnErrorEvent) {
  constexpr std::string_view stream =
      "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"
      "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":null}}\n\n";
  const auto out = encode_split<messages_encoder>(stream, 10, token_usage{}, no_setup);
  EXPECT_NE(out.find("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                     "\"message\":\"overloaded\"}}\n\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("message_stop"), std::string::npos);
}

TEST(MessagesEncoder, WholeAnswerWithTextAndToolCall) {
  messages_encoder encoder;
  const auto whole = encoder.whole(
      R"({"id":"chatcmpl-1","object":"chat.completion","model":"gpt-x","choices":[{"index":0,)"
      R"("message":{"role":"assistant","content":"Let me look.","tool_calls":[{"id":"call_9",)"
      R"("type":"function","function":{"name":"Read","arguments":"{\"path\":\"a.txt\"}"}}]},)"
      R"("finish_reason":"tool_calls"}],"usage":{"prompt_tokens":9,"completion_tokens":4,)"
      R"("total_tokens":13}})",
      token_usage{9, 4, 0, 0, 0, true});
  ASSERT_TRUE(std::holds_alternative<std::string>(whole));
  EXPECT_EQ(
      normalized(std::get<std::string>(whole)),
      R"({"id":"msg_X","type":"message","role":"assistant","model":"gpt-x","content":[)"
      R"({"type":"text","text":"Let me look."},{"type":"tool_use","id":"call_9","name":"Read",)"
      R"("input":{"path":"a.txt"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{)"
      R"("input_tokens":9,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,)"
      R"("output_tokens":4}})");
}

TEST(MessagesEncoder, WholeAnswerCutByLengthIsMaxTokens) {
  messages_encoder encoder;
  const auto whole = encoder.whole(
      R"({"model":"m","choices":[{"message":{"content":"abc"},"finish_reason":"length"}]})",
      token_usage{});
  EXPECT_NE(std::get<std::string>(whole).find(R"("stop_reason":"max_tokens")"), std::string::npos);
}

TEST(MessagesEncoder, AnUnreadableWholeAnswerIsA502) {
  messages_encoder encoder;
  const auto whole = encoder.whole("not json", token_usage{});
  ASSERT_TRUE(std::holds_alternative<openai_error>(whole));
  EXPECT_EQ(std::get<openai_error>(whole).status, 502);
}

}  // namespace
}  // namespace keygate::doors::anthropic::messages_answer_test
