#include "gateway/translators/openai/passthrough_translator.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace keygate::openai::passthrough_translator_test {
namespace {

class PassthroughTranslator : public ::testing::Test {
 protected:
  native_request build(openai_dialect dialect, const std::string& base) {
    target.endpoint = upstream_endpoint::parse(base);
    body = R"({"model":"public","messages":[{"role":"user","content":"hi"}],"stream":true})";
    EXPECT_FALSE(parse_chat_request(body, view).has_value());
    passthrough_translator wire(dialect);
    auto built = wire.build(translate_input{nullptr, view, target});
    return std::get<native_request>(built);
  }

  deployment target;
  std::string body;
  canonical_request view;
};

TEST_F(PassthroughTranslator, OpenAiSendsBearerToTheBasePath) {
  target.model = "gpt-4o";
  target.api_key = "sk-test";
  auto req = build(openai_dialect::openai, "https://api.example.com/v1");
  EXPECT_EQ(req.http.target, "/v1/chat/completions");
  EXPECT_EQ(req.http.headers["authorization"], "Bearer sk-test");
  EXPECT_EQ(req.http.headers["accept"], "text/event-stream");
  auto sent = boost::json::parse(req.http.body).as_object();
  EXPECT_EQ(sent["model"].as_string(), "gpt-4o");
  EXPECT_TRUE(sent["stream_options"].as_object()["include_usage"].as_bool());
  EXPECT_TRUE(req.dropped.empty());
}

TEST_F(PassthroughTranslator, NoKeyMeansNoAuthorizationHeader) {
  target.model = "llama3";
  auto req = build(openai_dialect::openai, "http://localhost:11434/v1");
  EXPECT_EQ(req.http.headers.find("authorization"), req.http.headers.end());
}

TEST_F(PassthroughTranslator, AzureDatedApiNamesTheDeploymentInThePath) {
  target.model = "my-gpt4o-deployment";
  target.api_key = "azure-key";
  target.api_version = "2024-10-21";
  auto req = build(openai_dialect::azure, "https://res.openai.azure.com");
  EXPECT_EQ(req.http.target,
            "/openai/deployments/my-gpt4o-deployment/chat/completions?api-version=2024-10-21");
  EXPECT_EQ(req.http.headers["api-key"], "azure-key");
  EXPECT_EQ(req.http.headers.find("authorization"), req.http.headers.end());
}

TEST_F(PassthroughTranslator, AzureV1ApiWithoutVersionSendsTheModel) {
  target.model = "my-deployment";
  target.api_key = "azure-key";
  auto req = build(openai_dialect::azure, "https://res.openai.azure.com/");
  EXPECT_EQ(req.http.target, "/openai/v1/chat/completions");
  EXPECT_EQ(boost::json::parse(req.http.body).at("model").as_string(), "my-deployment");
}

TEST_F(PassthroughTranslator, ParseRejectsWhatIsNotJson) {
  passthrough_translator wire(openai_dialect::openai);
  auto parsed = wire.parse(translate_input{nullptr, view, target}, "{\"id\":");
  ASSERT_TRUE(std::holds_alternative<openai_error>(parsed));
  EXPECT_EQ(std::get<openai_error>(parsed).status, 502);
}

TEST_F(PassthroughTranslator, ParseReadsDeepSeekCachedTokens) {
  passthrough_translator wire(openai_dialect::openai);
  auto parsed = wire.parse(translate_input{nullptr, view, target},
                           R"({"id":"x","choices":[],"usage":{"prompt_tokens":10,)"
                           R"("completion_tokens":2,"prompt_cache_hit_tokens":6}})");
  ASSERT_TRUE(std::holds_alternative<openai_answer>(parsed));
  const auto& usage = std::get<openai_answer>(parsed).usage;
  EXPECT_EQ(usage.prompt, 10);
  EXPECT_EQ(usage.cached, 6);
  EXPECT_TRUE(usage.known);
}

}  // namespace
}  // namespace keygate::openai::passthrough_translator_test
