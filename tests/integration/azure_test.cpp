// Azure OpenAI deployments through the real keygate binary to the fake provider's Azure API:
// deployment URLs with api-version and the v1 API, the api-key header, Azure's content filter
// annotations passed through, Azure's errors in OpenAI's shape. The fake's own Azure checks
// (api-version, keys) are asserted directly too, so the passes above mean something.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "openai_shapes.hpp"
#include "standard_models.hpp"

namespace keygate::testing::azure_test {
namespace {

namespace json = boost::json;

std::string azure_entry(const std::string& name, const std::string& deployment,
                        const std::string& api_version, const std::string& key = "test-key") {
  return "  - name: " + name + "\n    provider: azure\n    model: \"" + deployment +
         "\"\n    api_base: FAKE_ROOT\n    api_key: " + key + "\n" +
         (api_version.empty() ? "" : "    api_version: \"" + api_version + "\"\n");
}

class Azure : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(
        azure_entry("azure-dated", "gpt-4o@tokens=3", "2024-10-21") +
        azure_entry("azure-v1", "gpt-4o@tokens=3", "") +
        azure_entry("azure-embed", "text-embedding-3-small", "2024-10-21") +
        azure_entry("azure-v1-embed", "text-embedding-3-small", "") +
        azure_entry("azure-429", "gpt-4o@status=429,retry_after=2", "2024-10-21") +
        azure_entry("azure-bad-key", "gpt-4o", "2024-10-21", "bad-key") +
        azure_entry("azure-bad-version", "gpt-4o", "latest"));
  }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static http_reply post(const std::string& body,
                         const std::string& path = "/v1/chat/completions") {
    return post_json(env->port(), path, body);
  }
  static http_reply fake_post(const std::string& target,
                              const std::map<std::string, std::string>& headers) {
    return http_call(env->fake.port(), "POST", target, chat_body("ignored"), headers);
  }
};
gateway_fixture* Azure::env = nullptr;

std::string content_of(const json::object& answer) {
  return std::string(answer.at("choices").at(0).at("message").at("content").as_string());
}

TEST_F(Azure, DeploymentUrlAnswerKeepsAzuresFilterResults) {
  for (const char* model : {"azure-dated", "azure-v1"}) {
    auto answer = post_ok(env->port(), chat_body(model));
    EXPECT_EQ(content_of(answer), "tok0 tok1 tok2") << model;
    EXPECT_EQ(answer.at("model").as_string(), "gpt-4o@tokens=3");
    EXPECT_EQ(answer.at("usage").at("completion_tokens").as_int64(), 3);
    EXPECT_TRUE(answer.contains("prompt_filter_results")) << model;
    EXPECT_TRUE(answer.at("choices").at(0).as_object().contains("content_filter_results"));
  }
}

TEST_F(Azure, StreamsPassThePromptFilterChunkAndReadTheUsage) {
  auto reply = post(chat_body("azure-dated", true, R"(,"stream_options":{"include_usage":true})"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto chunks = chunks_of(reply);
  ASSERT_GE(chunks.size(), 3u);
  EXPECT_TRUE(chunks.front().contains("prompt_filter_results"));
  EXPECT_TRUE(chunks.front().at("choices").as_array().empty());
  std::string text;
  for (const auto& c : chunks)
    for (const auto& choice : c.at("choices").as_array())
      if (const auto* content = choice.at("delta").as_object().if_contains("content");
          content && content->is_string())
        text += content->as_string();
  EXPECT_EQ(text, "tok0 tok1 tok2");
  EXPECT_EQ(chunks.back().at("usage").at("completion_tokens").as_int64(), 3);
  EXPECT_EQ(sse_data(reply.body).back(), "[DONE]");
}

TEST_F(Azure, ToolCallRoundTrip) {
  auto first = post_ok(env->port(), R"({"model":"azure-v1","messages":[{"role":"user","content":)"
                                    R"("weather?"}],"tools":[)" +
                                        weather_tool + "]}");
  const auto& choice = first.at("choices").at(0).as_object();
  EXPECT_EQ(choice.at("finish_reason").as_string(), "tool_calls");
  const auto& call = choice.at("message").at("tool_calls").at(0).as_object();
  EXPECT_EQ(call.at("function").at("name").as_string(), "get_weather");
  EXPECT_EQ(json::parse(call.at("function").at("arguments").as_string()),
            json::parse(R"({"city":"Oslo"})"));
  auto second =
      post_ok(env->port(), R"({"model":"azure-v1","tools":[)" + weather_tool +
                               R"(],"messages":[{"role":"user","content":"weather?"},)"
                               R"({"role":"assistant","content":null,"tool_calls":[)" +
                               json::serialize(call) + R"(]},{"role":"tool","tool_call_id":")" +
                               std::string(call.at("id").as_string()) + R"(","content":"12C"}]})");
  EXPECT_EQ(content_of(second), "tok0 tok1 tok2");
}

TEST_F(Azure, EmbeddingsOnBothApis) {
  for (const char* model : {"azure-embed", "azure-v1-embed"}) {
    auto reply =
        post(std::string(R"({"model":")") + model + R"(","input":["a b","c"]})", "/v1/embeddings");
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto list = json::parse(reply.body).as_object();
    EXPECT_EQ(list.at("data").as_array().size(), 2u) << model;
    EXPECT_EQ(list.at("model").as_string(), "text-embedding-3-small");
    EXPECT_EQ(list.at("usage").at("prompt_tokens").as_int64(), 3);
  }
}

TEST_F(Azure, RateLimitKeepsAzuresWait) {
  auto reply = post(chat_body("azure-429"));
  ASSERT_EQ(reply.status, 429) << reply.body;
  EXPECT_EQ(reply.header("retry-after"), "2");
  EXPECT_EQ(reply.header("retry-after-ms"), "2000");
  auto error = error_of(reply);
  EXPECT_EQ(error.at("type").as_string(), "rate_limit_error");
  EXPECT_EQ(error.at("code").as_string(), "rate_limit_exceeded");
}

TEST_F(Azure, WrongKeyAndUnsupportedVersion) {
  auto denied = post(chat_body("azure-bad-key"));
  ASSERT_EQ(denied.status, 401) << denied.body;
  EXPECT_EQ(error_of(denied).at("code").as_string(), "invalid_api_key");
  auto old = post(chat_body("azure-bad-version"));
  ASSERT_EQ(old.status, 400) << old.body;
  EXPECT_EQ(error_of(old).at("message").as_string(), "API version not supported");
}

TEST_F(Azure, FakeRequiresApiVersionOnDeploymentUrls) {
  const std::map<std::string, std::string> key{{"api-key", "k"}};
  auto missing = fake_post("/openai/deployments/gpt-4o/chat/completions", key);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(json::parse(missing.body), json::parse(R"({"error":{"code":"404",)"
                                                   R"("message":"Resource not found"}})"));
  auto bad = fake_post("/openai/deployments/gpt-4o/chat/completions?api-version=v1", key);
  EXPECT_EQ(bad.status, 400);
  auto fine =
      fake_post("/openai/deployments/gpt-4o/chat/completions?api-version=2025-04-01-preview", key);
  EXPECT_EQ(fine.status, 200) << fine.body;
  EXPECT_EQ(json::parse(fine.body).at("model").as_string(),
            "gpt-4o");  // the path's, not the body's
  auto embeddings = http_call(env->fake.port(), "POST", "/openai/deployments/e/embeddings",
                              R"({"input":"x"})", key);
  EXPECT_EQ(embeddings.status, 404);
}

TEST_F(Azure, FakeChecksTheApiKeyHeader) {
  const std::string dated = "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";
  EXPECT_EQ(fake_post(dated, {}).status, 401);
  EXPECT_EQ(fake_post(dated, {{"api-key", "bad-key"}}).status, 401);
  // A bearer token on a deployment URL would be an Entra token, which the fake does not take.
  EXPECT_EQ(fake_post(dated, {{"authorization", "Bearer k"}}).status, 401);
  auto denied = fake_post(dated, {});
  EXPECT_EQ(json::parse(denied.body).at("error").at("code").as_string(), "401");
  // The v1 API takes the key as a bearer token too.
  EXPECT_EQ(fake_post("/openai/v1/chat/completions", {{"authorization", "Bearer k"}}).status, 200);
  EXPECT_EQ(fake_post("/openai/v1/chat/completions", {{"api-key", "k"}}).status, 200);
  // Azure's Responses API, on the v1 path and the dated one, checks the same key.
  EXPECT_EQ(fake_post("/openai/v1/responses", {{"api-key", "k"}}).status, 200);
  EXPECT_EQ(fake_post("/openai/v1/responses", {}).status, 401);
  EXPECT_EQ(
      fake_post("/openai/responses?api-version=2025-04-01-preview", {{"api-key", "k"}}).status,
      200);
  EXPECT_EQ(fake_post("/openai/responses?api-version=2025-04-01-preview", {}).status, 401);
  EXPECT_EQ(fake_post("/openai/responses", {{"api-key", "k"}}).status, 404);
}

}  // namespace
}  // namespace keygate::testing::azure_test
