// POST /v1/embeddings through the real keygate binary: OpenAI passthrough, Gemini
// batchEmbedContents, the mock, base64, batches, errors and retries.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "gateway/translators/openai/embedding_list.hpp"
#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::embeddings_test {
namespace {

namespace json = boost::json;

std::string gemini_entry(const std::string& name, const std::string& upstream_model) {
  return "  - name: " + name + "\n    provider: gemini\n    model: \"" + upstream_model +
         "\"\n    api_base: FAKEbeta\n    api_key: test-key\n";
}

std::string models() {
  return model_entry("emb", "fake-embed") + model_entry("emb-500", "fake-embed@status=500") +
         model_entry("emb-malformed", "fake-embed@malformed=1") +
         gemini_entry("gemini-emb", "text-embedding-004") +
         gemini_entry("gemini-emb-429", "text-embedding-004@status=429,retry_after=0") +
         "  - name: mock-emb\n    provider: mock\n"
         "  - name: claude\n    provider: anthropic\n    model: fake-claude\n"
         "    api_base: FAKE\n    api_key: test-key\n"
         "  - name: emb-retry\n    strategy: priority\n    retries: 1\n    deployments:\n"
         "      - name: faulty\n        priority: 0\n        provider: openai\n"
         "        model: \"fake-embed@status=429,retry_after=0\"\n"
         "        api_base: FAKE\n        api_key: test-key\n"
         "      - name: healthy\n        priority: 1\n        provider: openai\n"
         "        model: fake-embed\n        api_base: FAKE\n        api_key: test-key\n";
}

class Embeddings : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(models(), "router:\n  backoff_base_ms: 10\n  backoff_max_ms: 50\n");
  }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static http_reply post(const std::string& body) {
    return post_json(env->port(), "/v1/embeddings", body);
  }
  static json::object ok(const std::string& body) {
    auto reply = post(body);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body).as_object();
  }
  static json::object last_native_request() {
    return json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body).as_object();
  }
};
gateway_fixture* Embeddings::env = nullptr;

std::string error_code(const http_reply& reply) {
  auto error = json::parse(reply.body).at("error").as_object();
  return error.at("code").is_string() ? std::string(error.at("code").as_string()) : "";
}

TEST_F(Embeddings, OpenAIPassthroughRewritesOnlyTheModel) {
  auto list = ok(R"({"model":"emb","input":["one two","three"],"dimensions":4})");
  EXPECT_EQ(list.at("object").as_string(), "list");
  const auto& data = list.at("data").as_array();
  ASSERT_EQ(data.size(), 2u);
  EXPECT_EQ(data[1].at("index").as_int64(), 1);
  EXPECT_EQ(data[0].at("embedding").as_array().size(), 4u);
  EXPECT_EQ(list.at("usage").at("prompt_tokens").as_int64(), 3);
  auto native = last_native_request();
  EXPECT_EQ(native.at("model").as_string(), "fake-embed");
  EXPECT_EQ(native.at("dimensions").as_int64(), 4);
}

TEST_F(Embeddings, OpenAIBase64PassesThrough) {
  auto list = ok(R"({"model":"emb","input":"hi","encoding_format":"base64"})");
  auto floats = openai::floats_of_base64(list.at("data").at(0).at("embedding").as_string());
  ASSERT_TRUE(floats);
  EXPECT_EQ(floats->size(), 8u);
}

TEST_F(Embeddings, GeminiBatchIsTranslated) {
  auto list = ok(R"({"model":"gemini-emb","input":["a b c","d","e"],"dimensions":6})");
  EXPECT_EQ(list.at("model").as_string(), "text-embedding-004");
  const auto& data = list.at("data").as_array();
  ASSERT_EQ(data.size(), 3u);
  for (std::size_t i = 0; i < data.size(); ++i) {
    EXPECT_EQ(data[i].at("index").as_int64(), static_cast<std::int64_t>(i));
    EXPECT_EQ(data[i].at("embedding").as_array().size(), 6u);
  }
  EXPECT_NE(data[0].at("embedding"), data[1].at("embedding"));
  EXPECT_EQ(list.at("usage").at("prompt_tokens").as_int64(), 5);  // words: Gemini counts none
  auto native = last_native_request();
  const auto& requests = native.at("requests").as_array();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].at("model").as_string(), "models/text-embedding-004");
  EXPECT_EQ(requests[0].at("content").at("parts").at(0).at("text").as_string(), "a b c");
  EXPECT_EQ(requests[0].at("outputDimensionality").as_int64(), 6);
}

TEST_F(Embeddings, GeminiFloatsBecomeBase64) {
  auto floats_list = ok(R"({"model":"gemini-emb","input":"same text"})");
  auto base64_list = ok(R"({"model":"gemini-emb","input":"same text","encoding_format":"base64"})");
  auto decoded = openai::floats_of_base64(base64_list.at("data").at(0).at("embedding").as_string());
  ASSERT_TRUE(decoded);
  const auto& expected = floats_list.at("data").at(0).at("embedding").as_array();
  ASSERT_EQ(decoded->size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_FLOAT_EQ((*decoded)[i], static_cast<float>(expected[i].to_number<double>()));
}

TEST_F(Embeddings, MockIsDeterministic) {
  auto first = ok(R"({"model":"mock-emb","input":["x y","z"]})");
  auto again = ok(R"({"model":"mock-emb","input":["x y","z"]})");
  EXPECT_EQ(first.at("data"), again.at("data"));
  EXPECT_EQ(first.at("data").at(0).at("embedding").as_array().size(), 8u);
  EXPECT_EQ(first.at("usage").at("prompt_tokens").as_int64(), 3);
  auto tokens = ok(R"({"model":"mock-emb","input":[[1,2],[3]],"dimensions":3})");
  EXPECT_EQ(tokens.at("data").as_array().size(), 2u);
  EXPECT_EQ(tokens.at("data").at(1).at("embedding").as_array().size(), 3u);
}

TEST_F(Embeddings, BadRequestsAre400) {
  auto missing = post(R"({"model":"emb"})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(json::parse(missing.body).at("error").at("param").as_string(), "input");
  EXPECT_EQ(post(R"({"model":"emb","input":[]})").status, 400);
  EXPECT_EQ(post(R"({"model":"emb","input":"x","encoding_format":"hex"})").status, 400);
  EXPECT_EQ(post(R"({"model":"emb","input":"x","dimensions":-2})").status, 400);
  EXPECT_EQ(post(R"({"input":"x"})").status, 400);
  auto tokens_to_gemini = post(R"({"model":"gemini-emb","input":[1,2]})");
  EXPECT_EQ(tokens_to_gemini.status, 400);
  auto unsupported = post(R"({"model":"claude","input":"x"})");
  EXPECT_EQ(unsupported.status, 400);
  EXPECT_EQ(error_code(unsupported), "unsupported_operation");
  EXPECT_EQ(http_call(env->port(), "GET", "/v1/embeddings").status, 405);
}

TEST_F(Embeddings, UnknownModelIs404) {
  auto reply = post(R"({"model":"nope","input":"x"})");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(error_code(reply), "model_not_found");
}

TEST_F(Embeddings, UpstreamFailuresReachTheClient) {
  EXPECT_EQ(post(R"({"model":"emb-500","input":"x"})").status, 500);
  auto malformed = post(R"({"model":"emb-malformed","input":"x"})");
  EXPECT_EQ(malformed.status, 502);
  EXPECT_EQ(error_code(malformed), "upstream_invalid_response");
  auto limited = post(R"({"model":"gemini-emb-429","input":"x"})");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(error_code(limited), "rate_limit_exceeded");
}

TEST_F(Embeddings, RateLimitedDeploymentIsRetriedElsewhere) {
  auto reply = post(R"({"model":"emb-retry","input":["a","b"]})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-attempts"), "2");
  EXPECT_EQ(json::parse(reply.body).at("data").as_array().size(), 2u);
}

TEST_F(Embeddings, PathWithoutV1) {
  auto reply = post_json(env->port(), "/embeddings", R"({"model":"mock-emb","input":"x"})");
  EXPECT_EQ(reply.status, 200) << reply.body;
}

}  // namespace
}  // namespace keygate::testing::embeddings_test
