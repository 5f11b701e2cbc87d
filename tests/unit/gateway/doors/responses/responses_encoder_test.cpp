// Canonical answers into the Responses dialect: Response objects, and the typed event stream with
// its sequence numbers at every byte split of the canonical stream.
#include "gateway/doors/responses/responses_encoder.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "tests/unit/gateway/doors/common/encoder_harness.hpp"

namespace keygate::doors::responses::responses_encoder_test {
namespace {

namespace json = boost::json;
using doors::testing::encode_split;
using doors::testing::normalized;

void frame(responses_encoder& encoder) {
  json::object echo;
  echo["store"] = true;
  encoder.set_frame({"resp_0123456789abcdef01234567", 5, std::move(echo)});
}

constexpr std::string_view text_stream =
    "data: {\"id\":\"c\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
    "\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n"
    "data: {\"id\":\"c\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
    "\"Hi\"},\"finish_reason\":null}]}\n\n"
    "data: {\"id\":\"c\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
    "\" there\"},\"finish_reason\":null}]}\n\n"
    "data: {\"id\":\"c\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{},"
    "\"finish_reason\":\"stop\"}]}\n\n"
    "data: {\"id\":\"c\",\"model\":\"gpt-x\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,"
    "\"completion_tokens\":2,\"total_tokens\":5}}\n\n"
    "data: [DONE]\n\n";

const std::string in_progress =
    R"({"id":"resp_X","object":"response","created_at":0,"status":"in_progress",)"
    R"("background":false,"error":null,"incomplete_details":null,"model":"gpt-x","output":[],)"
    R"("store":true,"service_tier":"default","usage":null})";
const std::string message_done =
    R"({"id":"msg_X","type":"message","status":"completed","content":[{"type":"output_text",)"
    R"("annotations":[],"logprobs":[],"text":"Hi there"}],"role":"assistant"})";

const std::string text_events =
    "event: response.created\ndata: {\"response\":" + in_progress +
    ",\"type\":\"response.created\",\"sequence_number\":0}\n\n"
    "event: response.in_progress\ndata: {\"response\":" +
    in_progress +
    ",\"type\":\"response.in_progress\",\"sequence_number\":1}\n\n"
    "event: response.output_item.added\ndata: {\"output_index\":0,\"item\":{\"id\":\"msg_X\","
    "\"type\":\"message\",\"status\":\"in_progress\",\"content\":[],\"role\":\"assistant\"},"
    "\"type\":\"response.output_item.added\",\"sequence_number\":2}\n\n"
    "event: response.content_part.added\ndata: {\"item_id\":\"msg_X\",\"output_index\":0,"
    "\"content_index\":0,\"part\":{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],"
    "\"text\":\"\"},\"type\":\"response.content_part.added\",\"sequence_number\":3}\n\n"
    "event: response.output_text.delta\ndata: {\"item_id\":\"msg_X\",\"output_index\":0,"
    "\"content_index\":0,\"delta\":\"Hi\",\"logprobs\":[],\"type\":\"response.output_text.delta\","
    "\"sequence_number\":4}\n\n"
    "event: response.output_text.delta\ndata: {\"item_id\":\"msg_X\",\"output_index\":0,"
    "\"content_index\":0,\"delta\":\" there\",\"logprobs\":[],\"type\":"
    "\"response.output_text.delta\",\"sequence_number\":5}\n\n"
    "event: response.output_text.done\ndata: {\"item_id\":\"msg_X\",\"output_index\":0,"
    "\"content_index\":0,\"text\":\"Hi there\",\"logprobs\":[],\"type\":"
    "\"response.output_text.done\",\"sequence_number\":6}\n\n"
    "event: response.content_part.done\ndata: {\"item_id\":\"msg_X\",\"output_index\":0,"
    "\"content_index\":0,\"part\":{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],"
    "\"text\":\"Hi there\"},\"type\":\"response.content_part.done\",\"sequence_number\":7}\n\n"
    "event: response.output_item.done\ndata: {\"output_index\":0,\"item\":" +
    message_done +
    ",\"type\":\"response.output_item.done\",\"sequence_number\":8}\n\n"
    "event: response.completed\ndata: {\"response\":{\"id\":\"resp_X\",\"object\":\"response\","
    "\"created_at\":0,\"status\":\"completed\",\"background\":false,\"error\":null,"
    "\"incomplete_details\":null,\"model\":\"gpt-x\",\"output\":[" +
    message_done +
    "],\"store\":true,\"service_tier\":\"default\",\"usage\":{\"input_tokens\":3,"
    "\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":2,"
    "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":5}},\"type\":"
    "\"response.completed\",\"sequence_number\":9}\n\n";

TEST(ResponsesEncoder, TextStreamAtEveryByteSplit) {
  const token_usage usage{3, 2, 0, 0, 0, true};
  for (std::size_t split = 0; split <= text_stream.size(); ++split)
    ASSERT_EQ(encode_split<responses_encoder>(text_stream, split, usage, frame), text_events)
        << "split at " << split;
}

std::vector<json::object> events_of(const std::string& sse) {
  std::vector<json::object> out;
  std::size_t at = 0;
  while ((at = sse.find("data: ", at)) != std::string::npos) {
    const auto end = sse.find("\n\n", at);
    out.push_back(json::parse(sse.substr(at + 6, end - at - 6)).as_object());
    at = end;
  }
  return out;
}

constexpr std::string_view tool_stream =
    "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Let me.\"}}]}\n\n"
    "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
    "\"id\":\"call_7\",\"type\":\"function\",\"function\":{\"name\":\"shell\",\"arguments\":"
    "\"\"}}]}}]}\n\n"
    "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
    "\"function\":{\"arguments\":\"{\\\"cmd\\\":\\\"ls\\\"}\"}}]}}]}\n\n"
    "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
    "\"tool_calls\"}]}\n\n"
    "data: [DONE]\n\n";

TEST(ResponsesEncoder, ToolCallStreamAtEveryByteSplit) {
  const auto whole = encode_split<responses_encoder>(tool_stream, 0, token_usage{}, frame);
  for (std::size_t split = 1; split <= tool_stream.size(); ++split)
    ASSERT_EQ(encode_split<responses_encoder>(tool_stream, split, token_usage{}, frame), whole)
        << "split at " << split;
  const auto events = events_of(whole);
  std::vector<std::string> types;
  for (std::size_t i = 0; i < events.size(); ++i) {
    types.emplace_back(events[i].at("type").as_string());
    EXPECT_EQ(events[i].at("sequence_number").as_int64(), static_cast<std::int64_t>(i));
  }
  EXPECT_EQ(
      types,
      (std::vector<std::string>{
          "response.created", "response.in_progress", "response.output_item.added",
          "response.content_part.added", "response.output_text.delta", "response.output_text.done",
          "response.content_part.done", "response.output_item.done", "response.output_item.added",
          "response.function_call_arguments.delta", "response.function_call_arguments.done",
          "response.output_item.done", "response.completed"}));
  const auto& call = events[11].at("item").as_object();
  EXPECT_EQ(call.at("type"), "function_call");
  EXPECT_EQ(call.at("call_id"), "call_7");
  EXPECT_EQ(call.at("name"), "shell");
  EXPECT_EQ(call.at("arguments"), R"({"cmd":"ls"})");
  EXPECT_EQ(events[11].at("output_index"), 1);
  const auto& output = events[12].at("response").at("output").as_array();
  ASSERT_EQ(output.size(), 2u);
  EXPECT_EQ(output[1].at("type"), "function_call");
}

TEST(ResponsesEncoder, AStreamThatBreaksEndsWithResponseFailed) {
  responses_encoder encoder;
  frame(encoder);
  outgoing_bytes in, out;
  in.emit("data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n");
  encoder.stream(in, token_usage{}, out);
  const openai_error cut{502, "The upstream stream ended before its end signal.", "server_error",
                         std::nullopt, std::string("upstream_stream_truncated")};
  const auto last = events_of(encoder.stream_error(cut));
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].at("type"), "response.failed");
  EXPECT_EQ(last[0].at("sequence_number"), 5);
  EXPECT_EQ(last[0].at("response").at("status"), "failed");
  EXPECT_EQ(last[0].at("response").at("error").at("code"), "upstream_stream_truncated");
  EXPECT_EQ(encoder.final_response(), nullptr);
}

TEST(ResponsesEncoder, WholeAnswerIsAResponseObject) {
  responses_encoder encoder;
  frame(encoder);
  const auto whole = encoder.whole(
      R"({"model":"gpt-x","choices":[{"message":{"content":null,"tool_calls":[{"id":"call_1",)"
      R"("type":"function","function":{"name":"shell","arguments":"{}"}}]},)"
      R"("finish_reason":"tool_calls"}],"usage":{"prompt_tokens":4,"completion_tokens":1}})",
      token_usage{4, 1, 0, 0, 0, true});
  const auto response = json::parse(normalized(std::get<std::string>(whole)));
  EXPECT_EQ(response.at("id"), "resp_X");
  EXPECT_EQ(response.at("status"), "completed");
  EXPECT_EQ(response.at("output"),
            json::parse(R"([{"id":"fc_X","type":"function_call","status":"completed",)"
                        R"("arguments":"{}","call_id":"call_1","name":"shell"}])"));
  EXPECT_EQ(response.at("usage").at("total_tokens"), 5);
  ASSERT_NE(encoder.final_response(), nullptr);
}

TEST(ResponsesEncoder, ACutAnswerIsIncomplete) {
  responses_encoder encoder;
  frame(encoder);
  const auto whole = encoder.whole(
      R"({"model":"m","choices":[{"message":{"content":"ab"},"finish_reason":"length"}]})",
      token_usage{});
  const auto response = json::parse(std::get<std::string>(whole));
  EXPECT_EQ(response.at("status"), "incomplete");
  EXPECT_EQ(response.at("incomplete_details").at("reason"), "max_output_tokens");
}

}  // namespace
}  // namespace keygate::doors::responses::responses_encoder_test
