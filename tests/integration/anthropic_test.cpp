// The Anthropic provider through the real keygate binary to the fake provider's Messages API.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "openai_shapes.hpp"
#include "standard_models.hpp"

namespace keygate::testing::anthropic_test {
namespace {

namespace json = boost::json;

std::string claude_entry(const std::string& name, const std::string& upstream_model,
                         const std::string& key = "test-key") {
  return "  - name: " + name + "\n    provider: anthropic\n    model: \"" + upstream_model +
         "\"\n    api_base: FAKE\n    api_key: " + key + "\n";
}

class AnthropicProvider : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(claude_entry("claude", "claude-fake@tokens=4") +
                              claude_entry("claude-529", "claude-fake@status=529") +
                              claude_entry("claude-429", "claude-fake@status=429,retry_after=2") +
                              claude_entry("claude-401", "claude-fake", "bad-key") +
                              claude_entry("claude-truncate", "claude-fake@truncate=1,tokens=6") +
                              claude_entry("claude-malformed", "claude-fake@malformed=1"));
  }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static json::object last_native_request() {
    auto reply = http_call(env->fake.port(), "GET", "/fake/last-request");
    EXPECT_EQ(reply.status, 200);
    return json::parse(reply.body).as_object();
  }
};
gateway_fixture* AnthropicProvider::env = nullptr;

json::object post_ok(const std::string& body) {
  return testing::post_ok(AnthropicProvider::env->port(), body);
}

TEST_F(AnthropicProvider, WholeAnswer) {
  auto answer = post_ok(chat_body("claude"));
  EXPECT_EQ(answer["object"].as_string(), "chat.completion");
  EXPECT_TRUE(answer["id"].as_string().starts_with("chatcmpl-msg_fake_")) << answer["id"];
  EXPECT_EQ(answer["model"].as_string(), "claude-fake@tokens=4");
  auto& choice = answer["choices"].as_array()[0].as_object();
  EXPECT_EQ(choice["message"].as_object()["content"].as_string(), "tok0 tok1 tok2 tok3");
  EXPECT_EQ(choice["finish_reason"].as_string(), "stop");
  auto& usage = answer["usage"].as_object();
  EXPECT_EQ(usage["prompt_tokens"].as_int64(), 3);
  EXPECT_EQ(usage["completion_tokens"].as_int64(), 4);
  EXPECT_EQ(usage["total_tokens"].as_int64(), 7);
}

TEST_F(AnthropicProvider, UpstreamGetsTheTranslatedRequest) {
  auto reply =
      post_json(env->port(), "/v1/chat/completions",
                R"({"model":"claude","messages":[{"role":"system","content":"Be brief."},)"
                R"({"role":"user","content":"hi there"}],"stop":"tok3","user":"u-1","seed":5,)"
                R"("temperature":0.2})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-dropped-params"), "seed");
  auto native = last_native_request();
  EXPECT_EQ(native.at("model").as_string(), "claude-fake@tokens=4");
  EXPECT_EQ(native.at("max_tokens").as_int64(), 4096);
  EXPECT_EQ(native.at("system"), json::parse(R"([{"type":"text","text":"Be brief."}])"));
  EXPECT_EQ(native.at("messages"),
            json::parse(R"([{"role":"user","content":[{"type":"text","text":"hi there"}]}])"));
  EXPECT_EQ(native.at("stop_sequences"), json::parse(R"(["tok3"])"));
  EXPECT_EQ(native.at("metadata"), json::parse(R"({"user_id":"u-1"})"));
  EXPECT_FALSE(native.contains("seed"));
  // The fake stops at the stop sequence the way Anthropic does.
  auto answer = json::parse(reply.body);
  EXPECT_EQ(answer.at("choices").at(0).at("message").at("content").as_string(), "tok0 tok1 tok2");
  EXPECT_EQ(answer.at("choices").at(0).at("finish_reason").as_string(), "stop");
}

TEST_F(AnthropicProvider, StreamWithUsage) {
  auto reply = post_json(env->port(), "/v1/chat/completions",
                         chat_body("claude", true, R"(,"stream_options":{"include_usage":true})"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(reply.header("content-type").starts_with("text/event-stream"));
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  EXPECT_EQ(data.back(), "[DONE]");
  std::string text;
  std::vector<std::string> finishes;
  for (const auto& chunk : chunks_of(reply))
    for (const auto& choice : chunk.at("choices").as_array()) {
      const auto& delta = choice.at("delta").as_object();
      if (auto it = delta.find("content"); it != delta.end()) text += it->value().as_string();
      if (!choice.at("finish_reason").is_null())
        finishes.emplace_back(choice.at("finish_reason").as_string());
    }
  EXPECT_EQ(text, "tok0 tok1 tok2 tok3");
  EXPECT_EQ(finishes, std::vector<std::string>{"stop"});
  auto last = json::parse(data[data.size() - 2]).as_object();
  EXPECT_TRUE(last.at("choices").as_array().empty());
  EXPECT_EQ(last.at("usage").at("prompt_tokens").as_int64(), 3);
  EXPECT_EQ(last.at("usage").at("completion_tokens").as_int64(), 4);
}

TEST_F(AnthropicProvider, ToolCallRoundTrip) {
  auto first = post_ok(R"({"model":"claude","messages":[{"role":"user","content":"Weather?"}],)"
                       R"("tools":[)" +
                       weather_tool + "]}");
  const auto& message = first.at("choices").at(0).at("message").as_object();
  EXPECT_EQ(first.at("choices").at(0).at("finish_reason").as_string(), "tool_calls");
  EXPECT_EQ(message.at("content").as_string(), "tok0 tok1 tok2 tok3");
  const auto& call = message.at("tool_calls").at(0).as_object();
  EXPECT_EQ(call.at("function").at("name").as_string(), "get_weather");
  EXPECT_EQ(call.at("function").at("arguments").as_string(), R"({"city":"Oslo"})");
  const std::string id(call.at("id").as_string());

  json::object assistant{
      {"role", "assistant"}, {"content", nullptr}, {"tool_calls", message.at("tool_calls")}};
  json::array messages{json::object{{"role", "user"}, {"content", "Weather?"}}, assistant,
                       json::object{{"role", "tool"}, {"tool_call_id", id}, {"content", "12C"}}};
  json::object second_request{{"model", "claude"},
                              {"messages", messages},
                              {"tools", json::array{json::parse(weather_tool)}}};
  auto second = post_ok(json::serialize(second_request));
  EXPECT_EQ(second.at("choices").at(0).at("finish_reason").as_string(), "stop");
  EXPECT_EQ(second.at("choices").at(0).at("message").at("content").as_string(),
            "tok0 tok1 tok2 tok3");

  auto native = last_native_request();
  const auto& turns = native.at("messages").as_array();
  ASSERT_EQ(turns.size(), 3u);
  EXPECT_EQ(turns[1].at("content").at(0),
            json::parse(R"({"type":"tool_use","id":")" + id +
                        R"(","name":"get_weather","input":{"city":"Oslo"}})"));
  EXPECT_EQ(turns[2], json::parse(R"({"role":"user","content":[{"type":"tool_result",)"
                                  R"("tool_use_id":")" +
                                  id + R"(","content":"12C"}]})"));
}

TEST_F(AnthropicProvider, StreamedToolCall) {
  auto reply = post_json(env->port(), "/v1/chat/completions",
                         R"({"model":"claude","stream":true,"messages":[{"role":"user",)"
                         R"("content":"Weather?"}],"tools":[)" +
                             weather_tool + "]}");
  ASSERT_EQ(reply.status, 200) << reply.body;
  std::string arguments, name, finish;
  for (const auto& chunk : chunks_of(reply)) {
    const auto& choice = chunk.at("choices").at(0).as_object();
    if (!choice.at("finish_reason").is_null()) finish = choice.at("finish_reason").as_string();
    const auto& delta = choice.at("delta").as_object();
    if (!delta.contains("tool_calls")) continue;
    const auto& call = delta.at("tool_calls").at(0).as_object();
    EXPECT_EQ(call.at("index").as_int64(), 0) << "the text block must not shift the index";
    if (call.contains("id")) name = call.at("function").at("name").as_string();
    arguments += call.at("function").at("arguments").as_string();
  }
  EXPECT_EQ(name, "get_weather");
  EXPECT_EQ(json::parse(arguments), json::parse(R"({"city":"Oslo"})"));
  EXPECT_EQ(finish, "tool_calls");
  EXPECT_EQ(sse_data(reply.body).back(), "[DONE]");
}

TEST_F(AnthropicProvider, OverloadedIs503) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("claude-529"));
  EXPECT_EQ(reply.status, 503);
  auto error = error_of(reply);
  EXPECT_EQ(error.at("type").as_string(), "server_error");
  EXPECT_EQ(error.at("code").as_string(), "overloaded");
  EXPECT_EQ(error.at("message").as_string(), "Overloaded");
}

TEST_F(AnthropicProvider, RateLimitKeepsTheRetryHint) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("claude-429"));
  EXPECT_EQ(reply.status, 429);
  EXPECT_EQ(error_of(reply).at("code").as_string(), "rate_limit_exceeded");
  EXPECT_EQ(reply.header("retry-after"), "2");
}

TEST_F(AnthropicProvider, BadKeyIs401) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("claude-401"));
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(error_of(reply).at("code").as_string(), "invalid_api_key");
}

TEST_F(AnthropicProvider, UnsupportedParametersAre400) {
  auto reply =
      post_json(env->port(), "/v1/chat/completions", chat_body("claude", false, R"(,"n":2)"));
  EXPECT_EQ(reply.status, 400);
  auto error = error_of(reply);
  EXPECT_EQ(error.at("code").as_string(), "unsupported_parameter");
  EXPECT_EQ(error.at("param").as_string(), "n");
}

TEST_F(AnthropicProvider, TruncatedStreamEndsWithAnErrorAndNoDone) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("claude-truncate", true));
  ASSERT_EQ(reply.status, 200);
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  EXPECT_NE(data.back(), "[DONE]");
  EXPECT_EQ(json::parse(data.back()).at("error").at("code").as_string(),
            "upstream_stream_truncated");
}

TEST_F(AnthropicProvider, StreamInAnotherProtocolIs502) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("claude-malformed", true));
  EXPECT_EQ(reply.status, 502);
  EXPECT_EQ(error_of(reply).at("code").as_string(), "upstream_invalid_response");
}

}  // namespace
}  // namespace keygate::testing::anthropic_test
