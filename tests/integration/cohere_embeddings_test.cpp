// POST /v1/embeddings to Cohere through the real keygate binary and the fake's Cohere v2 embed:
// inputs as texts with an input_type, floats asked for and base64 written by keygate, the billed
// input tokens as usage, errors mapped.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "gateway/translators/openai/embedding_list.hpp"
#include "harness.hpp"

namespace keygate::testing::cohere_embeddings_test {
namespace {

namespace json = boost::json;

std::string entry(const std::string& name, const std::string& upstream_model) {
  return "  - name: " + name + "\n    provider: cohere\n    model: \"" + upstream_model +
         "\"\n    api_base: FAKE_ROOT/cohere/v2\n    api_key: test-key\n";
}

class CohereEmbeddings : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(entry("cohere-embed", "embed-v4.0") +
                              entry("cohere-embed-429", "embed-v4.0@status=429,retry_after=1"));
  }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static http_reply post(const std::string& body) {
    return post_json(env->port(), "/v1/embeddings", body);
  }
  static json::object last_native_request() {
    return json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body).as_object();
  }
};
gateway_fixture* CohereEmbeddings::env = nullptr;

TEST_F(CohereEmbeddings, FloatsWithCoheresBilledTokens) {
  auto reply = post(R"({"model":"cohere-embed","input":["one two","three"],"dimensions":4})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto list = json::parse(reply.body).as_object();
  EXPECT_EQ(list.at("object").as_string(), "list");
  EXPECT_EQ(list.at("model").as_string(), "embed-v4.0");
  const auto& data = list.at("data").as_array();
  ASSERT_EQ(data.size(), 2u);
  EXPECT_EQ(data[1].at("index").as_int64(), 1);
  EXPECT_EQ(data[0].at("embedding").as_array().size(), 4u);
  EXPECT_EQ(list.at("usage").at("prompt_tokens").as_int64(), 3);
  EXPECT_EQ(last_native_request(),
            json::parse(R"({"model":"embed-v4.0","texts":["one two","three"],)"
                        R"("input_type":"search_document","embedding_types":["float"],)"
                        R"("output_dimension":4})"));
}

TEST_F(CohereEmbeddings, Base64IsEncodedByTheGateway) {
  auto floats = post(R"({"model":"cohere-embed","input":"hi"})");
  auto encoded = post(R"({"model":"cohere-embed","input":"hi","encoding_format":"base64"})");
  ASSERT_EQ(encoded.status, 200) << encoded.body;
  EXPECT_FALSE(last_native_request().contains("encoding_format"));
  auto decoded = openai::floats_of_base64(
      json::parse(encoded.body).at("data").at(0).at("embedding").as_string());
  ASSERT_TRUE(decoded);
  std::vector<float> expected;
  const auto plain = json::parse(floats.body);
  for (const auto& v : plain.at("data").at(0).at("embedding").as_array())
    expected.push_back(static_cast<float>(v.to_number<double>()));
  EXPECT_EQ(*decoded, expected);
}

TEST_F(CohereEmbeddings, DroppedAndRejectedFields) {
  auto reply = post(R"({"model":"cohere-embed","input":"hi","user":"u-1"})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-dropped-params"), "user");
  auto tokens = post(R"({"model":"cohere-embed","input":[1,2,3]})");
  EXPECT_EQ(tokens.status, 400);
  EXPECT_EQ(json::parse(tokens.body).at("error").at("param").as_string(), "input");
}

TEST_F(CohereEmbeddings, RateLimitKeepsTheRetryHint) {
  auto reply = post(R"({"model":"cohere-embed-429","input":"hi"})");
  EXPECT_EQ(reply.status, 429);
  EXPECT_EQ(json::parse(reply.body).at("error").at("code").as_string(), "rate_limit_exceeded");
  EXPECT_EQ(reply.header("retry-after"), "1");
}

}  // namespace
}  // namespace keygate::testing::cohere_embeddings_test
