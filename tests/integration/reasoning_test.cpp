// Reasoning deployments (`reasoning: true`) of the translating providers through the real keygate
// binary and the fake provider: the model's thinking (Anthropic thinking blocks, Gemini thought
// parts, Mistral thinking chunks) comes back as reasoning_content, whole and streamed, and never as
// content; the same model on a deployment without the flag answers without it.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "openai_shapes.hpp"

namespace keygate::testing::reasoning_test {
namespace {

namespace json = boost::json;

struct reasoning_case {
  std::string provider;
  std::string model;     // the fake answers with 2 tokens
  std::string api_base;  // FAKE and FAKE_ROOT are replaced by the harness
  std::string effort;    // the request's reasoning_effort; empty: none sent
  std::string thinking;  // what the fake thinks
  int thinking_tokens;   // and counts in completion_tokens
};

const std::vector<reasoning_case>& cases() {
  static const std::vector<reasoning_case> all{
      {"anthropic", "claude-fake@tokens=2", "FAKE", "low", "think0 think1 think2", 3},
      {"gemini", "gemini-2.5-flash@tokens=2", "FAKEbeta", "", "think0 think1 think2", 3},
      {"mistral", "magistral-small@tokens=2", "FAKE_ROOT/mistral/v1", "medium",
       "Thinking about it.", 0},
      {"bedrock", "anthropic.claude-fake@tokens=2", "FAKE_ROOT", "low", "think0 think1 think2", 3}};
  return all;
}

std::string models_yaml() {
  std::string yaml;
  for (const auto& c : cases())
    for (bool reasoning : {true, false})
      yaml += "  - name: " + c.provider + (reasoning ? "-think" : "-plain") +
              "\n    provider: " + c.provider + "\n    model: \"" + c.model +
              "\"\n    api_base: " + c.api_base + "\n    api_key: test-key\n" +
              (c.provider == "bedrock" ? "    region: us-east-1\n" : "") +
              (reasoning ? "    reasoning: true\n" : "");
  return yaml;
}

class Reasoning : public ::testing::TestWithParam<reasoning_case> {
 public:
  static void SetUpTestSuite() { env = new gateway_fixture(models_yaml()); }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static std::string request(const reasoning_case& c, const std::string& suffix, bool stream) {
    std::string body = R"({"model":")" + c.provider + suffix +
                       R"(","messages":[{"role":"user","content":"six times seven"}])";
    if (!c.effort.empty()) body += R"(,"reasoning_effort":")" + c.effort + "\"";
    if (stream) body += R"(,"stream":true,"stream_options":{"include_usage":true})";
    return body + "}";
  }
};
gateway_fixture* Reasoning::env = nullptr;

TEST_P(Reasoning, WholeAnswerCarriesReasoningContent) {
  const auto& c = GetParam();
  auto answer = post_ok(env->port(), request(c, "-think", false));
  const auto& message = answer.at("choices").at(0).at("message").as_object();
  EXPECT_EQ(message.at("content").as_string(), "tok0 tok1");
  ASSERT_TRUE(message.contains("reasoning_content")) << answer;
  EXPECT_EQ(message.at("reasoning_content").as_string(), c.thinking);
  EXPECT_EQ(answer.at("usage").at("completion_tokens").as_int64(), 2 + c.thinking_tokens);
}

TEST_P(Reasoning, StreamCarriesReasoningDeltasBeforeTheContent) {
  const auto& c = GetParam();
  auto reply = post_json(env->port(), "/v1/chat/completions", request(c, "-think", true));
  ASSERT_EQ(reply.status, 200) << reply.body;
  std::string reasoning, content;
  bool content_started = false;
  for (const auto& chunk : chunks_of(reply))
    for (const auto& choice : chunk.at("choices").as_array()) {
      const auto& delta = choice.at("delta").as_object();
      if (const auto* r = delta.if_contains("reasoning_content")) {
        EXPECT_FALSE(content_started) << "reasoning after the content";
        reasoning += r->as_string();
      }
      if (const auto* t = delta.if_contains("content"); t && t->is_string()) {
        content += t->as_string();
        content_started = content_started || !t->as_string().empty();
      }
    }
  EXPECT_EQ(reasoning, c.thinking);
  EXPECT_EQ(content, "tok0 tok1");
  EXPECT_EQ(sse_data(reply.body).back(), "[DONE]");
}

TEST_P(Reasoning, WithoutTheFlagThinkingIsDropped) {
  const auto& c = GetParam();
  auto answer = post_ok(env->port(), request(c, "-plain", false));
  const auto& message = answer.at("choices").at(0).at("message").as_object();
  EXPECT_EQ(message.at("content").as_string(), "tok0 tok1");
  EXPECT_FALSE(message.contains("reasoning_content")) << answer;
  auto reply = post_json(env->port(), "/v1/chat/completions", request(c, "-plain", true));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body.find("reasoning_content"), std::string::npos) << reply.body;
  EXPECT_EQ(reply.body.find(c.thinking), std::string::npos) << reply.body;
}

INSTANTIATE_TEST_SUITE_P(Providers, Reasoning, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.provider; });

// What goes up: Anthropic gets the thinking budget either way; Gemini is asked for its thoughts
// only on a reasoning deployment.
TEST(ReasoningRequests, WhatTheUpstreamIsAsked) {
  gateway_fixture env(models_yaml());
  auto last = [&] {
    return json::parse(http_call(env.fake.port(), "GET", "/fake/last-request").body).as_object();
  };
  for (const char* name : {"anthropic-think", "anthropic-plain"}) {
    post_ok(env.port(), R"({"model":")" + std::string(name) +
                            R"(","messages":[{"role":"user","content":"hi"}],)"
                            R"("reasoning_effort":"medium","max_tokens":100})");
    EXPECT_EQ(last().at("thinking"), json::parse(R"({"type":"enabled","budget_tokens":4096})"));
    EXPECT_EQ(last().at("max_tokens").as_int64(), 4196);
  }
  post_ok(env.port(), R"({"model":"gemini-think","messages":[{"role":"user","content":"hi"}],)"
                      R"("reasoning_effort":"high"})");
  EXPECT_EQ(last().at("generationConfig").at("thinkingConfig"),
            json::parse(R"({"thinkingBudget":16384,"includeThoughts":true})"));
  post_ok(env.port(), R"({"model":"gemini-plain","messages":[{"role":"user","content":"hi"}]})");
  EXPECT_FALSE(last().contains("generationConfig"));
}

}  // namespace
}  // namespace keygate::testing::reasoning_test
