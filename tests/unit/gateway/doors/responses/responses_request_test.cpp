// OpenAI Responses requests read into canonical OpenAI chat bodies, continued conversations, and
// the requests refused.
#include "gateway/doors/responses/responses_request.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace keygate::doors::responses::responses_request_test {
namespace {

namespace json = boost::json;

std::variant<responses_reading, openai_error> read(std::string_view body,
                                                   std::string_view history = "[]") {
  return read_responses_request(json::parse(body).as_object(), json::parse(history).as_array());
}

json::value canonical(std::string_view body, std::string_view history = "[]") {
  auto out = read(body, history);
  if (auto* error = std::get_if<openai_error>(&out)) {
    ADD_FAILURE() << error->message;
    return nullptr;
  }
  return json::parse(std::get<responses_reading>(out).canonical);
}

openai_error refusal(std::string_view body) {
  auto out = read(body);
  EXPECT_TRUE(std::holds_alternative<openai_error>(out));
  return std::holds_alternative<openai_error>(out) ? std::get<openai_error>(out) : openai_error{};
}

TEST(ResponsesRequest, StringInputAndSettings) {
  EXPECT_EQ(
      canonical(R"({"model":"gpt","input":"Hi","instructions":"Be brief.",)"
                R"("max_output_tokens":64,"temperature":0.3,"reasoning":{"effort":"low"},)"
                R"("stream":true,"store":false,"prompt_cache_key":"k"})"),
      json::parse(
          R"({"model":"gpt","messages":[{"role":"system","content":"Be brief."},)"
          R"({"role":"user","content":[{"type":"text","text":"Hi"}]}],"max_completion_tokens":64,)"
          R"("temperature":0.3,"reasoning_effort":"low","stream":true,)"
          R"("stream_options":{"include_usage":true}})"));
}

TEST(ResponsesRequest, FunctionCallRoundTrip) {
  EXPECT_EQ(
      canonical(
          R"({"model":"gpt","tools":[{"type":"function","name":"shell","description":"runs",)"
          R"("parameters":{"type":"object"},"strict":false}],"tool_choice":"auto","input":[)"
          R"({"role":"developer","content":"You are a tool."},)"
          R"({"type":"message","role":"user","content":[{"type":"input_text","text":"list"}]},)"
          R"({"type":"reasoning","id":"rs_1","summary":[]},)"
          R"({"type":"function_call","call_id":"call_1","name":"shell","arguments":"{\"c\":1}"},)"
          R"({"type":"function_call_output","call_id":"call_1","output":"a.txt"}]})"),
      json::parse(
          R"({"model":"gpt","messages":[{"role":"system","content":"You are a tool."},)"
          R"({"role":"user","content":[{"type":"text","text":"list"}]},)"
          R"({"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",)"
          R"("function":{"name":"shell","arguments":"{\"c\":1}"}}]},)"
          R"({"role":"tool","tool_call_id":"call_1","content":"a.txt"}],)"
          R"("tools":[{"type":"function","function":{"name":"shell","description":"runs",)"
          R"("parameters":{"type":"object"},"strict":false}}],"tool_choice":"auto"})"));
}

TEST(ResponsesRequest, AContinuedConversationStartsWithItsHistory) {
  const auto out = canonical(
      R"({"model":"gpt","input":"and now?"})",
      R"([{"type":"message","role":"user","content":[{"type":"input_text","text":"first"}]},)"
      R"({"type":"message","role":"assistant","content":[{"type":"output_text","text":"one"}]}])");
  EXPECT_EQ(out.at("messages"),
            json::parse(R"([{"role":"user","content":[{"type":"text","text":"first"}]},)"
                        R"({"role":"assistant","content":"one"},)"
                        R"({"role":"user","content":[{"type":"text","text":"and now?"}]}])"));
}

TEST(ResponsesRequest, InputItemsGetIdsAndTheEchoHasDefaults) {
  auto out = read(R"({"model":"gpt","input":[{"role":"user","content":"x"}]})");
  const auto& reading = std::get<responses_reading>(out);
  ASSERT_EQ(reading.input.size(), 1u);
  EXPECT_EQ(reading.input[0].at("type"), "message");
  EXPECT_TRUE(reading.input[0].at("id").as_string().starts_with("msg_"));
  EXPECT_TRUE(reading.store);
  EXPECT_EQ(reading.echo.at("tool_choice"), "auto");
  EXPECT_EQ(reading.echo.at("store"), true);
}

TEST(ResponsesRequest, HostedToolsAreLeftOutAndNamed) {
  auto out = read(R"({"model":"m","input":"x","tools":[{"type":"web_search"},)"
                  R"({"type":"function","name":"f","parameters":{"type":"object"}},)"
                  R"({"type":"namespace","name":"agents","tools":[]}],"tool_choice":"auto"})");
  const auto& reading = std::get<responses_reading>(out);
  EXPECT_EQ(reading.dropped,
            (std::vector<std::string>{"tools[0]:web_search", "tools[2]:namespace"}));
  const auto canonical = json::parse(reading.canonical);
  EXPECT_EQ(canonical.at("tools").as_array().size(), 1u);
  EXPECT_EQ(canonical.at("tool_choice"), "auto");
}

TEST(ResponsesRequest, WhatOnlyOpenAIKnowsIsLeftOutAndNamed) {
  auto out =
      read(R"({"model":"m","background":true,"tools":[{"type":"web_search_preview_2025_03_11"}],)"
           R"("tool_choice":{"type":"allowed_tools","mode":"auto","tools":[]},"input":[)"
           R"({"type":"item_reference","id":"x"},{"role":"user","content":[{"type":"input_file",)"
           R"("file_id":"file_1"},{"type":"input_image","file_id":"file_2"},{"type":"input_text",)"
           R"("text":"read it"}]},{"type":"custom_tool_call","call_id":"c","name":"apply_patch",)"
           R"("input":"x"},{"type":"custom_tool_call_output","call_id":"c","output":"done"}]})");
  ASSERT_TRUE(std::holds_alternative<responses_reading>(out))
      << std::get<openai_error>(out).message;
  const auto& reading = std::get<responses_reading>(out);
  EXPECT_EQ(reading.dropped, (std::vector<std::string>{
                                 "input[0]:item_reference", "input[1].content[0]:input_file",
                                 "input[1].content[1]:input_image", "input[2]:custom_tool_call",
                                 "input[3]:custom_tool_call_output", "background",
                                 "tools[0]:web_search_preview_2025_03_11", "tool_choice"}));
  EXPECT_EQ(json::parse(reading.canonical).at("messages"),
            json::parse(R"([{"role":"user","content":[{"type":"text","text":"read it"}]}])"));
}

TEST(ResponsesRequest, TextFormatsBecomeResponseFormats) {
  EXPECT_EQ(canonical(R"({"model":"gpt","input":"x","text":{"format":{"type":"json_schema",)"
                      R"("name":"r","schema":{"type":"object"},"strict":true}}})")
                .at("response_format"),
            json::parse(R"({"type":"json_schema","json_schema":{"name":"r","schema":)"
                        R"({"type":"object"},"strict":true}})"));
}

TEST(ResponsesRequest, BadRequestsAreRefused) {
  EXPECT_EQ(refusal(R"({"input":"x"})").param, "model");
  EXPECT_EQ(refusal(R"({"model":"m"})").param, "input");
  const auto orphan =
      refusal(R"({"model":"m","input":[{"type":"function_call_output","call_id":"c9",)"
              R"("output":"x"}]})");
  EXPECT_EQ(orphan.param, "input[0].call_id");
  EXPECT_EQ(refusal(R"({"model":"m","input":[{"role":"robot","content":"x"}]})").param,
            "input[0].role");
  // Types the Responses API does not define: an item, and a tool.
  const auto item = refusal(R"({"model":"m","input":[{"role":"user","content":"x"},)"
                            R"({"type":"teleport"}]})");
  EXPECT_EQ(item.param, "input[1].type");
  EXPECT_NE(item.message.find("teleport"), std::string::npos);
  EXPECT_EQ(refusal(R"({"model":"m","input":"x","tools":[{"type":"teleporter"}]})").param,
            "tools[0].type");
}

}  // namespace
}  // namespace keygate::doors::responses::responses_request_test
