// Anthropic Messages requests read into canonical OpenAI chat bodies, what they leave out (named
// for translated attempts), and the requests refused.
#include "gateway/doors/anthropic/messages_request.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace keygate::doors::anthropic::messages_request_test {
namespace {

namespace json = boost::json;

messages_reading reading(std::string_view body, messages_body kind = messages_body::create) {
  auto out = read_messages_request(body, kind);
  if (auto* error = std::get_if<openai_error>(&out)) {
    ADD_FAILURE() << error->message;
    return {};
  }
  return std::get<messages_reading>(out);
}

json::value canonical(std::string_view body) {
  auto read = reading(body);
  return read.canonical.empty() ? json::value() : json::parse(read.canonical);
}

std::vector<std::string> dropped(std::string_view body) {
  return reading(body).dropped;
}

openai_error refusal(std::string_view body) {
  auto out = read_messages_request(body);
  EXPECT_TRUE(std::holds_alternative<openai_error>(out))
      << std::get<messages_reading>(out).canonical;
  return std::holds_alternative<openai_error>(out) ? std::get<openai_error>(out) : openai_error{};
}

TEST(MessagesRequest, SystemTextAndSettings) {
  EXPECT_EQ(canonical(R"({"model":"claude-x","max_tokens":100,"system":[{"type":"text",)"
                      R"("text":"Be brief.","cache_control":{"type":"ephemeral"}}],)"
                      R"("messages":[{"role":"user","content":"Hi"}],"temperature":0.5,)"
                      R"("stop_sequences":["END"],"metadata":{"user_id":"u1"},"top_k":5,)"
                      R"("stream":true})"),
            json::parse(R"({"model":"claude-x","messages":[{"role":"system","content":)"
                        R"("Be brief."},{"role":"user","content":"Hi"}],)"
                        R"("max_completion_tokens":100,"temperature":0.5,"stop":["END"],)"
                        R"("user":"u1","stream":true,"stream_options":{"include_usage":true}})"));
}

TEST(MessagesRequest, ToolRoundTrip) {
  EXPECT_EQ(
      canonical(
          R"({"model":"m","max_tokens":50,"tools":[{"name":"Read","description":"reads",)"
          R"("input_schema":{"type":"object","properties":{"path":{"type":"string"}}}}],)"
          R"("tool_choice":{"type":"auto","disable_parallel_tool_use":true},"messages":[)"
          R"({"role":"user","content":[{"type":"text","text":"read a.txt"}]},)"
          R"({"role":"assistant","content":[{"type":"thinking","thinking":"t","signature":"s"},)"
          R"({"type":"text","text":"Reading."},{"type":"tool_use","id":"toolu_1","name":"Read",)"
          R"("input":{"path":"a.txt"}}]},)"
          R"({"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1",)"
          R"("content":[{"type":"text","text":"hello"}]},{"type":"text","text":"thanks"}]}]})"),
      json::parse(
          R"({"model":"m","messages":[{"role":"user","content":[{"type":"text",)"
          R"("text":"read a.txt"}]},)"
          R"({"role":"assistant","content":"Reading.","tool_calls":[{"id":"toolu_1","type":)"
          R"("function","function":{"name":"Read","arguments":"{\"path\":\"a.txt\"}"}}]},)"
          R"({"role":"tool","tool_call_id":"toolu_1","content":"hello"},)"
          R"({"role":"user","content":[{"type":"text","text":"thanks"}]}],)"
          R"("max_completion_tokens":50,"tools":[{"type":"function","function":{"name":"Read",)"
          R"("description":"reads","parameters":{"type":"object","properties":{"path":{"type":)"
          R"("string"}}}}}],"tool_choice":"auto","parallel_tool_calls":false})"));
}

TEST(MessagesRequest, ImagesBecomeImageUrls) {
  const auto out = canonical(
      R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"image",)"
      R"("source":{"type":"base64","media_type":"image/png","data":"AAAA"}},{"type":"image",)"
      R"("source":{"type":"url","url":"https://x/y.png"}}]}]})");
  EXPECT_EQ(out.at("messages").at(0).at("content"),
            json::parse(R"([{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}},)"
                        R"({"type":"image_url","image_url":{"url":"https://x/y.png"}}])"));
}

TEST(MessagesRequest, ExplicitThinkingBudgetIsAnEffort) {
  EXPECT_EQ(canonical(R"({"model":"m","max_tokens":9000,"thinking":{"type":"enabled",)"
                      R"("budget_tokens":2048},"messages":[{"role":"user","content":"x"}]})")
                .at("reasoning_effort"),
            "medium");
  EXPECT_FALSE(canonical(R"({"model":"m","max_tokens":9,"thinking":{"type":"adaptive"},)"
                         R"("messages":[{"role":"user","content":"x"}]})")
                   .as_object()
                   .contains("reasoning_effort"));
}

TEST(MessagesRequest, MidConversationSystemMessagesStayInPlace) {
  const auto out = canonical(R"({"model":"m","max_tokens":9,"messages":[{"role":"user",)"
                             R"("content":"a"},{"role":"system","content":"note"}]})");
  EXPECT_EQ(out.at("messages").at(1), json::parse(R"({"role":"system","content":"note"})"));
}

TEST(MessagesRequest, BadRequestsAreRefused) {
  EXPECT_EQ(refusal("{not json").status, 400);
  EXPECT_EQ(refusal("[]").status, 400);
  EXPECT_EQ(refusal(R"({"max_tokens":5,"messages":[{"role":"user","content":"x"}]})").param,
            "model");
  EXPECT_EQ(refusal(R"({"model":"m","messages":[{"role":"user","content":"x"}]})").param,
            "max_tokens");
  EXPECT_EQ(refusal(R"({"model":"m","max_tokens":5,"messages":[]})").param, "messages");
  EXPECT_EQ(
      refusal(R"({"model":"m","max_tokens":5,"messages":[{"role":"robot","content":"x"}]})").param,
      "messages.0.role");
  // A tool_result must answer a tool_use of the assistant turn right before it.
  const auto orphan = refusal(R"({"model":"m","max_tokens":5,"messages":[{"role":"user",)"
                              R"("content":[{"type":"tool_result","tool_use_id":"toolu_9",)"
                              R"("content":"x"}]}]})");
  EXPECT_EQ(orphan.param, "messages.0.content.0.tool_use_id");
  EXPECT_NE(orphan.message.find("toolu_9"), std::string::npos);
  EXPECT_EQ(refusal(R"({"model":"m","max_tokens":5,"tools":[{"description":"no name"}],)"
                    R"("messages":[{"role":"user","content":"x"}]})")
                .param,
            "tools.0.name");
  // A block type the Messages API does not define, wherever it is.
  EXPECT_EQ(refusal(R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":)"
                    R"([{"type":"text","text":"x"},{"type":"hologram"}]}]})")
                .param,
            "messages.0.content.1.type");
  EXPECT_EQ(refusal(R"({"model":"m","max_tokens":5,"messages":[{"role":"assistant","content":)"
                    R"([{"type":"hologram"}]},{"role":"user","content":"x"}]})")
                .param,
            "messages.0.content.0.type");
  EXPECT_EQ(refusal(R"({"model":"m","max_tokens":5,"system":[{"type":"hologram"}],)"
                    R"("messages":[{"role":"user","content":"x"}]})")
                .param,
            "system.0.type");
  EXPECT_EQ(refusal(R"({"model":"m","max_tokens":5,"tool_choice":{"type":"some"},)"
                    R"("messages":[{"role":"user","content":"x"}]})")
                .param,
            "tool_choice.type");
}

TEST(MessagesRequest, WhatTheCanonicalFormCannotCarryIsNamed) {
  const std::string body =
      R"({"model":"m","max_tokens":5,"top_k":3,"service_tier":"auto",)"
      R"("tools":[{"type":"web_search_20250305","name":"web_search"},{"name":"Read",)"
      R"("input_schema":{"type":"object"}}],"tool_choice":{"type":"tool","name":"web_search"},)"
      R"("messages":[{"role":"user","content":[{"type":"document","source":{"type":"base64",)"
      R"("media_type":"application/pdf","data":"JVBE"}},{"type":"search_result"},)"
      R"({"type":"text","text":"summarize"}]},{"role":"assistant","content":[{"type":)"
      R"("server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}},{"type":"text",)"
      R"("text":"ok"}]}]})";
  EXPECT_EQ(dropped(body),
            (std::vector<std::string>{
                "messages.0.content.0:document", "messages.0.content.1:search_result",
                "messages.1.content.0:server_tool_use", "tools.0:web_search_20250305",
                "tool_choice", "top_k", "service_tier"}));
  const auto out = canonical(body);
  EXPECT_EQ(out.at("messages"),
            json::parse(R"([{"role":"user","content":[{"type":"text","text":"summarize"}]},)"
                        R"({"role":"assistant","content":"ok"}])"));
  EXPECT_EQ(out.at("tools").as_array().size(), 1u);
  EXPECT_FALSE(out.as_object().contains("tool_choice"));
}

TEST(MessagesRequest, TextDocumentsAreCarriedAsText) {
  const std::string body =
      R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document",)"
      R"("title":"Notes","source":{"type":"text","media_type":"text/plain","data":"a b c"}},)"
      R"({"type":"document","source":{"type":"content","content":[{"type":"text",)"
      R"("text":"d"}]}}]}]})";
  EXPECT_TRUE(dropped(body).empty());
  EXPECT_EQ(canonical(body).at("messages").at(0).at("content"),
            json::parse(R"([{"type":"text","text":"Notes\n\na b c"},{"type":"text","text":"d"}])"));
}

TEST(MessagesRequest, ImagesInToolResultsAreLeftOutAndNamed) {
  const std::string body =
      R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"look"},)"
      R"({"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Read","input":{}}]},)"
      R"({"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[)"
      R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":"AA"}},)"
      R"({"type":"text","text":"a picture"}]}]}]})";
  EXPECT_EQ(dropped(body), (std::vector<std::string>{"messages.2.content.0.content.0:image"}));
  EXPECT_EQ(canonical(body).at("messages").at(2).at("content"), "a picture");
}

// What Claude Code 2.1 sends besides the messages: nothing of it is refused.
TEST(MessagesRequest, ClaudeCodesFieldsAreCarriedOrNamed) {
  const std::string body =
      R"({"model":"m","max_tokens":32000,"stream":true,"thinking":{"type":"adaptive"},)"
      R"("metadata":{"user_id":"{\"device_id\":\"d\",\"session_id\":\"s\"}"},)"
      R"("context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},)"
      R"("output_config":{"effort":"high"},"system":[{"type":"text","text":"billing"},)"
      R"({"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],)"
      R"("messages":[{"role":"user","content":"hi"},{"role":"system","content":"# Environment"}]})";
  const auto read = reading(body);
  EXPECT_EQ(read.dropped, (std::vector<std::string>{"output_config.effort", "context_management"}));
  const auto out = json::parse(read.canonical);
  EXPECT_EQ(out.at("user"), R"({"device_id":"d","session_id":"s"})");
  EXPECT_EQ(out.at("max_completion_tokens"), 32000);
  EXPECT_FALSE(out.as_object().contains("reasoning_effort"));
  EXPECT_EQ(out.at("messages").at(0),
            json::parse(R"({"role":"system","content":"billing\nYou are Claude Code."})"));
  EXPECT_EQ(out.at("messages").at(2),
            json::parse(R"({"role":"system","content":"# Environment"})"));
}

TEST(MessagesRequest, AStructuredOutputFormatIsAJsonSchema) {
  const auto out =
      canonical(R"({"model":"m","max_tokens":5,"output_config":{"format":{"type":"json_schema",)"
                R"("schema":{"type":"object"}}},"messages":[{"role":"user","content":"x"}]})");
  EXPECT_EQ(out.at("response_format"),
            json::parse(R"({"type":"json_schema","json_schema":{"name":"output",)"
                        R"("schema":{"type":"object"},"strict":true}})"));
}

TEST(MessagesRequest, ACountTokensBodyNeedsNoMaxTokens) {
  const auto read = reading(R"({"model":"m","messages":[{"role":"user","content":"x"}]})",
                            messages_body::count_tokens);
  EXPECT_FALSE(json::parse(read.canonical).as_object().contains("max_completion_tokens"));
}

}  // namespace
}  // namespace keygate::doors::anthropic::messages_request_test
