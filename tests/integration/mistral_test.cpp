// The Mistral provider through the real keygate binary to the fake provider's Mistral API, which
// refuses what Mistral refuses (unknown fields with a 422, tool-call ids of another form with a
// 400): every 200 here also proves keygate sent nothing Mistral would reject.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>

#include "harness.hpp"
#include "openai_shapes.hpp"
#include "standard_models.hpp"

namespace keygate::testing::mistral_test {
namespace {

namespace json = boost::json;

std::string mistral_entry(const std::string& name, const std::string& upstream_model,
                          const std::string& key = "test-key") {
  return "  - name: " + name + "\n    provider: mistral\n    model: \"" + upstream_model +
         "\"\n    api_base: FAKE_ROOT/mistral/v1\n    api_key: " + key + "\n";
}

class MistralProvider : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env =
        new gateway_fixture(mistral_entry("mistral", "mistral-small@tokens=4") +
                            mistral_entry("magistral", "magistral-small@tokens=2") +
                            mistral_entry("mistral-503", "mistral-small@status=503") +
                            mistral_entry("mistral-422", "mistral-small@status=422") +
                            mistral_entry("mistral-429", "mistral-small@status=429,retry_after=2") +
                            mistral_entry("mistral-401", "mistral-small", "bad-key") +
                            mistral_entry("mistral-truncate", "mistral-small@truncate=1,tokens=6") +
                            mistral_entry("mistral-malformed", "mistral-small@malformed=1"));
  }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static http_reply post(const std::string& body) {
    return post_json(env->port(), "/v1/chat/completions", body);
  }
  static json::object last_native_request() {
    auto reply = http_call(env->fake.port(), "GET", "/fake/last-request");
    EXPECT_EQ(reply.status, 200);
    return json::parse(reply.body).as_object();
  }
};
gateway_fixture* MistralProvider::env = nullptr;

json::object post_ok(const std::string& body) {
  return testing::post_ok(MistralProvider::env->port(), body);
}

std::string content_of(const json::object& answer) {
  return std::string(answer.at("choices").at(0).at("message").at("content").as_string());
}

TEST_F(MistralProvider, WholeAnswer) {
  auto answer = post_ok(chat_body("mistral"));
  EXPECT_EQ(answer["object"].as_string(), "chat.completion");
  EXPECT_TRUE(answer["id"].as_string().starts_with("cmpl-fake-")) << answer["id"];
  EXPECT_EQ(answer["model"].as_string(), "mistral-small@tokens=4");
  EXPECT_EQ(content_of(answer), "tok0 tok1 tok2 tok3");
  EXPECT_EQ(answer.at("choices").at(0).at("finish_reason").as_string(), "stop");
  auto& usage = answer["usage"].as_object();
  EXPECT_EQ(usage["prompt_tokens"].as_int64(), 3);
  EXPECT_EQ(usage["completion_tokens"].as_int64(), 4);
  EXPECT_EQ(usage["total_tokens"].as_int64(), 7);
}

TEST_F(MistralProvider, UpstreamGetsOnlyWhatMistralTakes) {
  auto reply = post(R"({"model":"mistral","messages":[{"role":"system","content":"Be brief."},)"
                    R"({"role":"user","content":"hi there","name":"ann"}],"seed":5,"user":"u-1",)"
                    R"("logit_bias":{"1":2},"max_completion_tokens":3,"temperature":0.2})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-dropped-params"), "user, logit_bias, messages[].name");
  auto native = last_native_request();
  EXPECT_EQ(native, json::parse(R"({"model":"mistral-small@tokens=4","messages":[)"
                                R"({"role":"system","content":"Be brief."},)"
                                R"({"role":"user","content":"hi there"}],"temperature":0.2,)"
                                R"("max_tokens":3,"random_seed":5})"));
  auto answer = json::parse(reply.body);
  EXPECT_EQ(answer.at("choices").at(0).at("message").at("content").as_string(), "tok0 tok1 tok2");
  EXPECT_EQ(answer.at("choices").at(0).at("finish_reason").as_string(), "length");
}

// Mistral's last chunk holds the finish_reason and the usage; the client gets OpenAI's order.
TEST_F(MistralProvider, StreamWithUsage) {
  auto reply = post(chat_body("mistral", true, R"(,"stream_options":{"include_usage":true})"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_FALSE(last_native_request().contains("stream_options"));
  auto data = sse_data(reply.body);
  ASSERT_GE(data.size(), 4u);
  EXPECT_EQ(data.back(), "[DONE]");
  auto usage_chunk = json::parse(data[data.size() - 2]).as_object();
  EXPECT_TRUE(usage_chunk.at("choices").as_array().empty());
  EXPECT_EQ(usage_chunk.at("usage").at("prompt_tokens").as_int64(), 3);
  EXPECT_EQ(usage_chunk.at("usage").at("completion_tokens").as_int64(), 4);
  auto finish_chunk = json::parse(data[data.size() - 3]).as_object();
  EXPECT_EQ(finish_chunk.at("choices").at(0).at("finish_reason").as_string(), "stop");
  EXPECT_TRUE(finish_chunk.at("usage").is_null());
  std::string text;
  for (const auto& chunk : chunks_of(reply))
    for (const auto& choice : chunk.at("choices").as_array())
      if (const auto* c = choice.at("delta").as_object().if_contains("content"))
        text += c->as_string();
  EXPECT_EQ(text, "tok0 tok1 tok2 tok3");
}

TEST_F(MistralProvider, StreamWithoutUsageHasNoUsageChunk) {
  auto reply = post(chat_body("mistral", true));
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto chunks = chunks_of(reply);
  ASSERT_FALSE(chunks.empty());
  for (const auto& chunk : chunks) EXPECT_FALSE(chunk.at("choices").as_array().empty());
  EXPECT_EQ(chunks.back().at("choices").at(0).at("finish_reason").as_string(), "stop");
  EXPECT_EQ(sse_data(reply.body).back(), "[DONE]");
}

TEST_F(MistralProvider, ToolCallRoundTripWithOpenAIIds) {
  auto first = post_ok(R"({"model":"mistral","messages":[{"role":"user","content":"Weather?"}],)"
                       R"("tool_choice":"required","tools":[)" +
                       weather_tool + "]}");
  EXPECT_EQ(first.at("choices").at(0).at("finish_reason").as_string(), "tool_calls");
  EXPECT_EQ(last_native_request().at("tool_choice").as_string(), "required");
  const auto& call = first.at("choices").at(0).at("message").at("tool_calls").at(0).as_object();
  EXPECT_TRUE(
      std::regex_match(std::string(call.at("id").as_string()), std::regex("[a-zA-Z0-9]{9}")));
  EXPECT_EQ(call.at("function").at("name").as_string(), "get_weather");
  EXPECT_EQ(json::parse(call.at("function").at("arguments").as_string()),
            json::parse(R"({"city":"Oslo"})"));

  // A history written by an OpenAI client: ids Mistral would refuse, mapped alike both times.
  auto second = post(
      R"({"model":"mistral","tools":[)" + weather_tool +
      R"(],"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","content":null,)"
      R"("tool_calls":[{"id":"call_Q1bX7zYwqVhR2mP9sLk4","type":"function","function":)"
      R"({"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},{"role":"tool",)"
      R"("tool_call_id":"call_Q1bX7zYwqVhR2mP9sLk4","content":"12C"}]})");
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(json::parse(second.body).at("choices").at(0).at("finish_reason").as_string(), "stop");
  const auto native = last_native_request();
  const auto& turns = native.at("messages").as_array();
  ASSERT_EQ(turns.size(), 3u);
  EXPECT_EQ(turns[1].at("tool_calls").at(0).at("id").as_string(), "mxfKjIwTm");
  EXPECT_EQ(turns[2].at("tool_call_id").as_string(), "mxfKjIwTm");
}

TEST_F(MistralProvider, StreamedToolCall) {
  auto reply = post(R"({"model":"mistral","stream":true,"messages":[{"role":"user",)"
                    R"("content":"Weather?"}],"tools":[)" +
                    weather_tool + "]}");
  ASSERT_EQ(reply.status, 200) << reply.body;
  std::string arguments, name, finish;
  for (const auto& chunk : chunks_of(reply)) {
    const auto& choice = chunk.at("choices").at(0).as_object();
    if (!choice.at("finish_reason").is_null()) finish = choice.at("finish_reason").as_string();
    const auto* calls = choice.at("delta").as_object().if_contains("tool_calls");
    if (!calls) continue;
    const auto& call = calls->at(0).as_object();
    EXPECT_EQ(call.at("index").as_int64(), 0);
    if (call.contains("id")) name = call.at("function").at("name").as_string();
    arguments += call.at("function").at("arguments").as_string();
  }
  EXPECT_EQ(name, "get_weather");
  EXPECT_EQ(json::parse(arguments), json::parse(R"({"city":"Oslo"})"));
  EXPECT_EQ(finish, "tool_calls");
  EXPECT_EQ(sse_data(reply.body).back(), "[DONE]");
}

TEST_F(MistralProvider, ThinkingStaysOutOfTheContent) {
  auto answer = post_ok(chat_body("magistral"));
  EXPECT_EQ(content_of(answer), "tok0 tok1");
  EXPECT_FALSE(answer.at("choices").at(0).at("message").as_object().contains("reasoning_content"));
  auto reply = post(chat_body("magistral", true));
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body.find("Thinking"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find(" tok1"), std::string::npos) << reply.body;
}

TEST_F(MistralProvider, ImagesPassThrough) {
  auto answer = post_ok(
      R"({"model":"mistral","messages":[{"role":"user","content":[{"type":"text","text":"What?"},)"
      R"({"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]})");
  EXPECT_EQ(content_of(answer), "tok0 tok1 tok2 tok3");
  EXPECT_EQ(last_native_request().at("messages").at(0).at("content").at(1),
            json::parse(R"({"type":"image_url","image_url":"https://example.com/cat.png"})"));
}

TEST_F(MistralProvider, ErrorsInOpenAIsShape) {
  auto overloaded = post(chat_body("mistral-503"));
  EXPECT_EQ(overloaded.status, 503);
  EXPECT_EQ(error_of(overloaded).at("code").as_string(), "overloaded");

  auto limited = post(chat_body("mistral-429"));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(error_of(limited).at("code").as_string(), "rate_limit_exceeded");
  EXPECT_EQ(error_of(limited).at("message").as_string(), "Requests rate limit exceeded");
  EXPECT_EQ(limited.header("retry-after"), "2");

  auto unauthorized = post(chat_body("mistral-401"));
  EXPECT_EQ(unauthorized.status, 401);
  EXPECT_EQ(error_of(unauthorized).at("code").as_string(), "invalid_api_key");

  auto invalid = post(chat_body("mistral-422"));
  EXPECT_EQ(invalid.status, 400);
  auto error = error_of(invalid);
  EXPECT_EQ(error.at("type").as_string(), "invalid_request_error");
  EXPECT_EQ(error.at("param").as_string(), "messages");
  EXPECT_EQ(error.at("message").as_string(), "messages: Field required");
}

TEST_F(MistralProvider, SeveralChoicesStreamedAre400) {
  auto reply = post(chat_body("mistral", true, R"(,"n":2)"));
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(error_of(reply).at("param").as_string(), "n");
}

TEST_F(MistralProvider, TruncatedStreamEndsWithAnErrorAndNoDone) {
  auto reply = post(chat_body("mistral-truncate", true));
  ASSERT_EQ(reply.status, 200);
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  EXPECT_NE(data.back(), "[DONE]");
  EXPECT_EQ(json::parse(data.back()).at("error").at("code").as_string(),
            "upstream_stream_truncated");
}

TEST_F(MistralProvider, StreamInAnotherProtocolIs502) {
  auto reply = post(chat_body("mistral-malformed", true));
  EXPECT_EQ(reply.status, 502);
  EXPECT_EQ(error_of(reply).at("code").as_string(), "upstream_invalid_response");
}

}  // namespace
}  // namespace keygate::testing::mistral_test
