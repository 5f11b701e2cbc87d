// The Gemini provider through the real keygate binary to the fake provider's Gemini API.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "openai_shapes.hpp"
#include "standard_models.hpp"

namespace keygate::testing::gemini_test {
namespace {

namespace json = boost::json;

// "FAKE" becomes the fake's ".../v1"; Gemini's base is ".../v1beta".
std::string gemini_entry(const std::string& name, const std::string& upstream_model,
                         const std::string& key = "test-key") {
  return "  - name: " + name + "\n    provider: gemini\n    model: \"" + upstream_model +
         "\"\n    api_base: FAKEbeta\n    api_key: " + key + "\n";
}

class GeminiProvider : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(gemini_entry("gemini", "gemini-fake@tokens=4") +
                              gemini_entry("gemini-503", "gemini-fake@status=503") +
                              gemini_entry("gemini-429", "gemini-fake@status=429,retry_after=2") +
                              gemini_entry("gemini-404", "gemini-fake@status=404") +
                              gemini_entry("gemini-bad-key", "gemini-fake", "bad-key") +
                              gemini_entry("gemini-truncate", "gemini-fake@truncate=1,tokens=6") +
                              gemini_entry("gemini-malformed", "gemini-fake@malformed=1"));
  }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static json::object last_native_request() {
    auto reply = http_call(env->fake.port(), "GET", "/fake/last-request");
    EXPECT_EQ(reply.status, 200);
    return json::parse(reply.body).as_object();
  }
};
gateway_fixture* GeminiProvider::env = nullptr;

json::object post_ok(const std::string& body) {
  return testing::post_ok(GeminiProvider::env->port(), body);
}

TEST_F(GeminiProvider, WholeAnswer) {
  auto answer = post_ok(chat_body("gemini"));
  EXPECT_EQ(answer["object"].as_string(), "chat.completion");
  EXPECT_TRUE(answer["id"].as_string().starts_with("chatcmpl-fake_")) << answer["id"];
  EXPECT_EQ(answer["model"].as_string(), "gemini-fake@tokens=4");
  auto& choice = answer["choices"].as_array()[0].as_object();
  EXPECT_EQ(choice["message"].as_object()["content"].as_string(), "tok0 tok1 tok2 tok3");
  EXPECT_EQ(choice["finish_reason"].as_string(), "stop");
  auto& usage = answer["usage"].as_object();
  EXPECT_EQ(usage["prompt_tokens"].as_int64(), 3);
  EXPECT_EQ(usage["completion_tokens"].as_int64(), 4);
  EXPECT_EQ(usage["total_tokens"].as_int64(), 7);
}

TEST_F(GeminiProvider, UpstreamGetsTheNativeRequest) {
  auto reply =
      post_json(env->port(), "/v1/chat/completions",
                R"({"model":"gemini","messages":[{"role":"system","content":"Be brief."},)"
                R"({"role":"user","content":"hi there"}],"stop":"tok3","user":"u-1","seed":5,)"
                R"("temperature":0.2,"max_tokens":50})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-dropped-params"), "user");
  auto native = last_native_request();
  EXPECT_FALSE(native.contains("model"));
  EXPECT_EQ(native.at("systemInstruction"), json::parse(R"({"parts":[{"text":"Be brief."}]})"));
  EXPECT_EQ(native.at("contents"),
            json::parse(R"([{"role":"user","parts":[{"text":"hi there"}]}])"));
  EXPECT_EQ(native.at("generationConfig"),
            json::parse(R"({"maxOutputTokens":50,"temperature":0.2,"seed":5,)"
                        R"("stopSequences":["tok3"]})"));
  // The fake stops before the stop sequence, as Gemini does, and says STOP.
  auto answer = json::parse(reply.body);
  EXPECT_EQ(answer.at("choices").at(0).at("message").at("content").as_string(), "tok0 tok1 tok2");
  EXPECT_EQ(answer.at("choices").at(0).at("finish_reason").as_string(), "stop");
}

TEST_F(GeminiProvider, SeveralChoices) {
  auto answer = post_ok(chat_body("gemini", false, R"(,"n":2)"));
  const auto& choices = answer.at("choices").as_array();
  ASSERT_EQ(choices.size(), 2u);
  EXPECT_EQ(choices[1].at("index").as_int64(), 1);
  EXPECT_EQ(choices[1].at("message").at("content").as_string(), "tok0 tok1 tok2 tok3");
  EXPECT_EQ(last_native_request().at("generationConfig").at("candidateCount").as_int64(), 2);
}

TEST_F(GeminiProvider, AChoiceCountThatIsNotAPositiveIntegerIs400) {
  for (const char* n : {"0", "2.5", "2111111111111111111111"}) {
    auto reply = post_json(env->port(), "/v1/chat/completions",
                           chat_body("gemini", false, std::string(R"(,"n":)") + n));
    EXPECT_EQ(reply.status, 400) << n << ": " << reply.body;
    EXPECT_NE(reply.body.find(R"("param":"n")"), std::string::npos) << reply.body;
  }
}

TEST_F(GeminiProvider, StreamWithUsage) {
  auto reply = post_json(env->port(), "/v1/chat/completions",
                         chat_body("gemini", true, R"(,"stream_options":{"include_usage":true})"));
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

TEST_F(GeminiProvider, ToolCallRoundTrip) {
  auto first = post_ok(R"({"model":"gemini","messages":[{"role":"user","content":"Weather?"}],)"
                       R"("tools":[)" +
                       weather_tool + "]}");
  const auto& message = first.at("choices").at(0).at("message").as_object();
  EXPECT_EQ(first.at("choices").at(0).at("finish_reason").as_string(), "tool_calls");
  const auto& call = message.at("tool_calls").at(0).as_object();
  EXPECT_EQ(call.at("function").at("name").as_string(), "get_weather");
  EXPECT_EQ(call.at("function").at("arguments").as_string(), R"({"city":"Oslo"})");
  const std::string id(call.at("id").as_string());
  EXPECT_TRUE(id.starts_with("call_") && id.size() == 29) << id;

  json::object assistant{
      {"role", "assistant"}, {"content", nullptr}, {"tool_calls", message.at("tool_calls")}};
  json::array messages{json::object{{"role", "user"}, {"content", "Weather?"}}, assistant,
                       json::object{{"role", "tool"}, {"tool_call_id", id}, {"content", "12C"}}};
  json::object second_request{{"model", "gemini"},
                              {"messages", messages},
                              {"tools", json::array{json::parse(weather_tool)}}};
  auto second = post_ok(json::serialize(second_request));
  EXPECT_EQ(second.at("choices").at(0).at("finish_reason").as_string(), "stop");
  EXPECT_EQ(second.at("choices").at(0).at("message").at("content").as_string(),
            "tok0 tok1 tok2 tok3");

  const auto native = last_native_request();
  const auto& turns = native.at("contents").as_array();
  ASSERT_EQ(turns.size(), 3u);
  EXPECT_EQ(turns[1], json::parse(R"({"role":"model","parts":[)"
                                  R"({"functionCall":{"id":")" +
                                  id + R"(","name":"get_weather","args":{"city":"Oslo"}}}]})"));
  EXPECT_EQ(turns[2], json::parse(R"({"role":"user","parts":[{"functionResponse":{"id":")" + id +
                                  R"(","name":"get_weather","response":{"output":"12C"}}}]})"));
}

TEST_F(GeminiProvider, StreamedToolCall) {
  auto reply = post_json(env->port(), "/v1/chat/completions",
                         R"({"model":"gemini","stream":true,"messages":[{"role":"user",)"
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
    EXPECT_EQ(call.at("index").as_int64(), 0);
    if (call.contains("id")) name = call.at("function").at("name").as_string();
    arguments += call.at("function").at("arguments").as_string();
  }
  EXPECT_EQ(name, "get_weather");
  EXPECT_EQ(json::parse(arguments), json::parse(R"({"city":"Oslo"})"));
  EXPECT_EQ(finish, "tool_calls");
  EXPECT_EQ(sse_data(reply.body).back(), "[DONE]");
}

TEST_F(GeminiProvider, UnavailableIsOverloaded503) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gemini-503"));
  EXPECT_EQ(reply.status, 503);
  auto error = error_of(reply);
  EXPECT_EQ(error.at("type").as_string(), "server_error");
  EXPECT_EQ(error.at("code").as_string(), "overloaded");
}

TEST_F(GeminiProvider, RateLimitTakesTheRetryDelayFromTheBody) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gemini-429"));
  EXPECT_EQ(reply.status, 429);
  EXPECT_EQ(error_of(reply).at("code").as_string(), "rate_limit_exceeded");
  EXPECT_EQ(reply.header("retry-after"), "2");
}

TEST_F(GeminiProvider, NotFoundIsModelNotFound) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gemini-404"));
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(error_of(reply).at("code").as_string(), "model_not_found");
}

TEST_F(GeminiProvider, BadKeyIs401) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gemini-bad-key"));
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(error_of(reply).at("code").as_string(), "invalid_api_key");
}

TEST_F(GeminiProvider, TruncatedStreamEndsWithAnErrorAndNoDone) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gemini-truncate", true));
  ASSERT_EQ(reply.status, 200);
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  EXPECT_NE(data.back(), "[DONE]");
  EXPECT_EQ(json::parse(data.back()).at("error").at("code").as_string(),
            "upstream_stream_truncated");
}

TEST_F(GeminiProvider, StreamInAnotherProtocolIs502) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gemini-malformed", true));
  EXPECT_EQ(reply.status, 502);
  EXPECT_EQ(error_of(reply).at("code").as_string(), "upstream_invalid_response");
}

}  // namespace
}  // namespace keygate::testing::gemini_test
