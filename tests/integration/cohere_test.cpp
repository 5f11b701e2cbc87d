// The Cohere provider through the real keygate binary to the fake provider's Cohere v2 API, which
// refuses fields and values Cohere does not know (OpenAI's names, lowercase tool_choice, roles it
// has no place for): every 200 here also proves keygate sent only what Cohere takes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "openai_shapes.hpp"
#include "standard_models.hpp"

namespace keygate::testing::cohere_test {
namespace {

namespace json = boost::json;

std::string cohere_entry(const std::string& name, const std::string& upstream_model,
                         const std::string& key = "test-key", const std::string& extra = "") {
  return "  - name: " + name + "\n    provider: cohere\n    model: \"" + upstream_model +
         "\"\n    api_base: FAKE_ROOT/cohere/v2\n    api_key: " + key + "\n" + extra;
}

class CohereProvider : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(
        cohere_entry("cohere", "command-a@tokens=4") +
        cohere_entry("cohere-reasoning", "command-a-reasoning@tokens=2") +
        cohere_entry("cohere-think", "command-a-reasoning@tokens=2", "test-key",
                     "    reasoning: true\n") +
        cohere_entry("cohere-strict", "command-a@tokens=4", "test-key", "    strict: true\n") +
        cohere_entry("cohere-503", "command-a@status=503") +
        cohere_entry("cohere-498", "command-a@status=498") +
        cohere_entry("cohere-429", "command-a@status=429,retry_after=2") +
        cohere_entry("cohere-401", "command-a", "bad-key") +
        cohere_entry("cohere-truncate", "command-a@truncate=1,tokens=6") +
        cohere_entry("cohere-malformed", "command-a@malformed=1"));
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
gateway_fixture* CohereProvider::env = nullptr;

json::object post_ok(const std::string& body) {
  return testing::post_ok(CohereProvider::env->port(), body);
}

std::string content_of(const json::object& answer) {
  return std::string(answer.at("choices").at(0).at("message").at("content").as_string());
}

std::string streamed_text(const http_reply& reply, std::string_view field = "content") {
  std::string text;
  for (const auto& chunk : chunks_of(reply))
    for (const auto& choice : chunk.at("choices").as_array())
      if (const auto* c = choice.at("delta").as_object().if_contains(field)) text += c->as_string();
  return text;
}

TEST_F(CohereProvider, WholeAnswer) {
  auto answer = post_ok(chat_body("cohere"));
  EXPECT_EQ(answer["object"].as_string(), "chat.completion");
  EXPECT_TRUE(answer["id"].as_string().starts_with("c0be2e00-")) << answer["id"];
  EXPECT_EQ(answer["model"].as_string(), "command-a@tokens=4");
  EXPECT_EQ(content_of(answer), "tok0 tok1 tok2 tok3");
  EXPECT_EQ(answer.at("choices").at(0).at("finish_reason").as_string(), "stop");
  auto& usage = answer["usage"].as_object();
  EXPECT_EQ(usage["prompt_tokens"].as_int64(), 3);
  EXPECT_EQ(usage["completion_tokens"].as_int64(), 4);
  EXPECT_EQ(usage["total_tokens"].as_int64(), 7);
}

TEST_F(CohereProvider, UpstreamGetsCohereFieldNames) {
  auto reply = post(R"({"model":"cohere","messages":[{"role":"system","content":"Be brief."},)"
                    R"({"role":"user","content":"hi there","name":"ann"}],"seed":5,"user":"u-1",)"
                    R"("logit_bias":{"1":2},"max_completion_tokens":3,"temperature":0.2,)"
                    R"("top_p":0.5,"stop":"END"})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-dropped-params"), "user, logit_bias, messages[].name");
  EXPECT_EQ(last_native_request(),
            json::parse(R"({"model":"command-a@tokens=4","messages":[)"
                        R"({"role":"system","content":"Be brief."},)"
                        R"({"role":"user","content":"hi there"}],"temperature":0.2,"seed":5,)"
                        R"("max_tokens":3,"p":0.5,"stop_sequences":["END"]})"));
  auto answer = json::parse(reply.body);
  EXPECT_EQ(answer.at("choices").at(0).at("message").at("content").as_string(), "tok0 tok1 tok2");
  EXPECT_EQ(answer.at("choices").at(0).at("finish_reason").as_string(), "length");
}

TEST_F(CohereProvider, StreamWithUsage) {
  auto reply = post(chat_body("cohere", true, R"(,"stream_options":{"include_usage":true})"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_FALSE(last_native_request().contains("stream_options"));
  EXPECT_EQ(last_native_request().at("stream"), true);
  auto data = sse_data(reply.body);
  ASSERT_GE(data.size(), 4u);
  EXPECT_EQ(data.back(), "[DONE]");
  auto usage_chunk = json::parse(data[data.size() - 2]).as_object();
  EXPECT_TRUE(usage_chunk.at("choices").as_array().empty());
  EXPECT_EQ(usage_chunk.at("usage").at("prompt_tokens").as_int64(), 3);
  EXPECT_EQ(usage_chunk.at("usage").at("completion_tokens").as_int64(), 4);
  auto finish_chunk = json::parse(data[data.size() - 3]).as_object();
  EXPECT_EQ(finish_chunk.at("choices").at(0).at("finish_reason").as_string(), "stop");
  EXPECT_EQ(streamed_text(reply), "tok0 tok1 tok2 tok3");
}

TEST_F(CohereProvider, StreamWithoutUsageHasNoUsageChunk) {
  auto reply = post(chat_body("cohere", true));
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto chunks = chunks_of(reply);
  ASSERT_FALSE(chunks.empty());
  for (const auto& chunk : chunks) EXPECT_FALSE(chunk.at("choices").as_array().empty());
  EXPECT_EQ(chunks.back().at("choices").at(0).at("finish_reason").as_string(), "stop");
  EXPECT_EQ(sse_data(reply.body).back(), "[DONE]");
}

TEST_F(CohereProvider, ToolCallRoundTripKeepsIds) {
  auto first = post_ok(R"({"model":"cohere","messages":[{"role":"user","content":"Weather?"}],)"
                       R"("tool_choice":"required","tools":[)" +
                       weather_tool + "]}");
  EXPECT_EQ(first.at("choices").at(0).at("finish_reason").as_string(), "tool_calls");
  EXPECT_EQ(last_native_request().at("tool_choice").as_string(), "REQUIRED");
  const auto& call = first.at("choices").at(0).at("message").at("tool_calls").at(0).as_object();
  EXPECT_TRUE(call.at("id").as_string().starts_with("get_weather_")) << call;
  EXPECT_EQ(call.at("function").at("name").as_string(), "get_weather");
  EXPECT_EQ(json::parse(call.at("function").at("arguments").as_string()),
            json::parse(R"({"city":"Oslo"})"));

  auto second = post(
      R"({"model":"cohere","tools":[)" + weather_tool +
      R"(],"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","content":null,)"
      R"("tool_calls":[{"id":"call_Q1bX7zYwqVhR2mP9sLk4","type":"function","function":)"
      R"({"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},{"role":"tool",)"
      R"("tool_call_id":"call_Q1bX7zYwqVhR2mP9sLk4","content":"12C"}]})");
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(json::parse(second.body).at("choices").at(0).at("finish_reason").as_string(), "stop");
  const auto native = last_native_request();
  const auto& turns = native.at("messages").as_array();
  ASSERT_EQ(turns.size(), 3u);
  EXPECT_EQ(turns[1].at("tool_calls").at(0).at("id").as_string(), "call_Q1bX7zYwqVhR2mP9sLk4");
  EXPECT_EQ(turns[2].at("tool_call_id").as_string(), "call_Q1bX7zYwqVhR2mP9sLk4");
}

TEST_F(CohereProvider, StreamedToolCallInPieces) {
  auto reply = post(R"({"model":"cohere","stream":true,"messages":[{"role":"user",)"
                    R"("content":"Weather?"}],"tools":[)" +
                    weather_tool + "]}");
  ASSERT_EQ(reply.status, 200) << reply.body;
  std::string arguments, name, finish;
  int pieces = 0;
  for (const auto& chunk : chunks_of(reply)) {
    const auto& choice = chunk.at("choices").at(0).as_object();
    if (!choice.at("finish_reason").is_null()) finish = choice.at("finish_reason").as_string();
    const auto* calls = choice.at("delta").as_object().if_contains("tool_calls");
    if (!calls) continue;
    const auto& call = calls->at(0).as_object();
    EXPECT_EQ(call.at("index").as_int64(), 0);
    if (call.contains("id")) name = call.at("function").at("name").as_string();
    arguments += call.at("function").at("arguments").as_string();
    ++pieces;
  }
  EXPECT_EQ(name, "get_weather");
  EXPECT_EQ(pieces, 3);  // the start, then two argument pieces
  EXPECT_EQ(json::parse(arguments), json::parse(R"({"city":"Oslo"})"));
  EXPECT_EQ(finish, "tool_calls");
  EXPECT_EQ(reply.body.find("look up"), std::string::npos) << "the tool plan is not forwarded";
}

TEST_F(CohereProvider, ThinkingOnlyOnReasoningDeployments) {
  auto plain = post_ok(chat_body("cohere-reasoning"));
  EXPECT_EQ(content_of(plain), "tok0 tok1");
  EXPECT_FALSE(plain.at("choices").at(0).at("message").as_object().contains("reasoning_content"));
  auto streamed = post(chat_body("cohere-reasoning", true));
  EXPECT_EQ(streamed.body.find("Thinking"), std::string::npos) << streamed.body;

  auto thinking = post_ok(chat_body("cohere-think", false, R"(,"reasoning_effort":"low")"));
  EXPECT_EQ(last_native_request().at("thinking"),
            json::parse(R"({"type":"enabled","token_budget":1024})"));
  EXPECT_EQ(content_of(thinking), "tok0 tok1");
  EXPECT_EQ(thinking.at("choices").at(0).at("message").at("reasoning_content").as_string(),
            "Thinking about it.");
  auto reply = post(chat_body("cohere-think", true));
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(streamed_text(reply, "reasoning_content"), "Thinking about it.");
  EXPECT_EQ(streamed_text(reply), "tok0 tok1");
}

TEST_F(CohereProvider, StrictDeploymentRefusesWhatItWouldDrop) {
  auto refused = post(chat_body("cohere-strict", false, R"(,"user":"u-1")"));
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(error_of(refused).at("param").as_string(), "user");
  EXPECT_EQ(error_of(refused).at("code").as_string(), "unsupported_parameter");
  EXPECT_EQ(content_of(post_ok(chat_body("cohere-strict"))), "tok0 tok1 tok2 tok3");
}

TEST_F(CohereProvider, ErrorsInOpenAIsShape) {
  auto overloaded = post(chat_body("cohere-503"));
  EXPECT_EQ(overloaded.status, 503);
  EXPECT_EQ(error_of(overloaded).at("code").as_string(), "overloaded");

  auto limited = post(chat_body("cohere-429"));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(error_of(limited).at("code").as_string(), "rate_limit_exceeded");
  EXPECT_EQ(limited.header("retry-after"), "2");

  for (const char* model : {"cohere-401", "cohere-498"}) {
    auto unauthorized = post(chat_body(model));
    EXPECT_EQ(unauthorized.status, 401) << model;
    EXPECT_EQ(error_of(unauthorized).at("type").as_string(), "authentication_error") << model;
    EXPECT_EQ(error_of(unauthorized).at("code").as_string(), "invalid_api_key") << model;
    EXPECT_EQ(unauthorized.body.find("bad-key"), std::string::npos) << "no key in errors";
  }
}

TEST_F(CohereProvider, RefusedBeforeGoingUp) {
  auto several = post(chat_body("cohere", false, R"(,"n":2)"));
  EXPECT_EQ(several.status, 400);
  EXPECT_EQ(error_of(several).at("param").as_string(), "n");
  auto audio = post(chat_body("cohere", false, R"(,"modalities":["audio"])"));
  EXPECT_EQ(audio.status, 400);
  EXPECT_EQ(error_of(audio).at("param").as_string(), "modalities");
}

TEST_F(CohereProvider, TruncatedStreamEndsWithAnErrorAndNoDone) {
  auto reply = post(chat_body("cohere-truncate", true));
  ASSERT_EQ(reply.status, 200);
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  EXPECT_NE(data.back(), "[DONE]");
  EXPECT_EQ(json::parse(data.back()).at("error").at("code").as_string(),
            "upstream_stream_truncated");
}

TEST_F(CohereProvider, StreamInAnotherProtocolIs502) {
  auto reply = post(chat_body("cohere-malformed", true));
  EXPECT_EQ(reply.status, 502);
  EXPECT_EQ(error_of(reply).at("code").as_string(), "upstream_invalid_response");
  auto whole = post(chat_body("cohere-malformed"));
  EXPECT_EQ(whole.status, 502);
  EXPECT_EQ(error_of(whole).at("code").as_string(), "upstream_invalid_response");
}

}  // namespace
}  // namespace keygate::testing::cohere_test
