// Anthropic Messages requests read into canonical OpenAI chat bodies, and the requests refused.
#include "gateway/doors/anthropic/messages_request.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace keygate::doors::anthropic {
namespace {

namespace json = boost::json;

json::value canonical(std::string_view body) {
  auto out = canonical_from_messages(body);
  if (auto* error = std::get_if<openai_error>(&out)) {
    ADD_FAILURE() << error->message;
    return nullptr;
  }
  return json::parse(std::get<std::string>(out));
}

openai_error refusal(std::string_view body) {
  auto out = canonical_from_messages(body);
  EXPECT_TRUE(std::holds_alternative<openai_error>(out)) << std::get<std::string>(out);
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
          R"({"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"read a.txt"}]},)"
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
  EXPECT_EQ(refusal(R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[)"
                    R"({"type":"hologram"}]}]})")
                .param,
            "messages.0.content.0.type");
  // A tool_result must answer a tool_use of the assistant turn right before it.
  const auto orphan = refusal(R"({"model":"m","max_tokens":5,"messages":[{"role":"user",)"
                              R"("content":[{"type":"tool_result","tool_use_id":"toolu_9",)"
                              R"("content":"x"}]}]})");
  EXPECT_EQ(orphan.param, "messages.0.content.0.tool_use_id");
  EXPECT_NE(orphan.message.find("toolu_9"), std::string::npos);
  EXPECT_EQ(refusal(R"({"model":"m","max_tokens":5,"tools":[{"type":"web_search_20250305",)"
                    R"("name":"web_search"}],"messages":[{"role":"user","content":"x"}]})")
                .param,
            "tools.0.type");
}

}  // namespace
}  // namespace keygate::doors::anthropic
