#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "gateway/translators/openai/passthrough_translator.hpp"

namespace keygate::openai::passthrough_embeddings_test {
namespace {

class PassthroughEmbeddings : public ::testing::Test {
 protected:
  native_request build(openai_dialect dialect, const std::string& base) {
    target.endpoint = upstream_endpoint::parse(base);
    EXPECT_FALSE(parse_embeddings_request(body, view).has_value());
    passthrough_translator wire(dialect);
    auto built = wire.build_embeddings(embeddings_input{nullptr, view, target});
    return std::get<native_request>(built);
  }

  deployment target;
  std::string body = R"({"model":"public","input":["a","b"],"encoding_format":"base64"})";
  embeddings_request view;
};

TEST_F(PassthroughEmbeddings, OpenAiRewritesOnlyTheModel) {
  target.model = "text-embedding-3-small";
  target.api_key = "sk-test";
  auto req = build(openai_dialect::openai, "https://api.example.com/v1");
  EXPECT_EQ(req.http.target, "/v1/embeddings");
  EXPECT_EQ(req.http.headers["authorization"], "Bearer sk-test");
  EXPECT_EQ(req.http.body,
            R"({"model":"text-embedding-3-small","input":["a","b"],"encoding_format":"base64"})");
}

TEST_F(PassthroughEmbeddings, AzureDatedApiNamesTheDeploymentInThePath) {
  target.model = "emb-deployment";
  target.api_key = "azure-key";
  target.api_version = "2024-10-21";
  auto req = build(openai_dialect::azure, "https://res.openai.azure.com");
  EXPECT_EQ(req.http.target,
            "/openai/deployments/emb-deployment/embeddings?api-version=2024-10-21");
  EXPECT_EQ(req.http.headers["api-key"], "azure-key");
}

TEST_F(PassthroughEmbeddings, AzureV1Api) {
  target.model = "emb-deployment";
  auto req = build(openai_dialect::azure, "https://res.openai.azure.com/");
  EXPECT_EQ(req.http.target, "/openai/v1/embeddings");
}

TEST_F(PassthroughEmbeddings, ParseReadsUsageAndRejectsOtherShapes) {
  target.endpoint = upstream_endpoint::parse("https://api.example.com/v1");
  ASSERT_FALSE(parse_embeddings_request(body, view).has_value());
  passthrough_translator wire(openai_dialect::openai);
  const embeddings_input in{nullptr, view, target};
  auto parsed = wire.parse_embeddings(
      in,
      R"({"object":"list","data":[],"model":"m","usage":{"prompt_tokens":7,"total_tokens":7}})");
  ASSERT_TRUE(std::holds_alternative<openai_answer>(parsed));
  EXPECT_EQ(std::get<openai_answer>(parsed).usage.prompt, 7);
  EXPECT_TRUE(std::holds_alternative<openai_error>(wire.parse_embeddings(in, "{\"x\":")));
}

}  // namespace
}  // namespace keygate::openai::passthrough_embeddings_test
