// Strict deployments (`strict: true`) through the real keygate binary and the fake provider: every
// parameter the translator would drop is refused with a 400 before anything goes upstream, for
// chat, streams and embeddings; without the flag the same request is answered and the dropped
// fields are named in x-keygate-dropped-params.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "openai_shapes.hpp"

namespace keygate::testing::strict_test {
namespace {

namespace json = boost::json;

// One deployment per provider, strict or not; "FAKE_ROOT" is the fake's root URL.
std::string entry(const std::string& name, const std::string& provider, const std::string& model,
                  const std::string& api_base, bool strict) {
  return "  - name: " + name + "\n    provider: " + provider + "\n    model: \"" + model +
         "\"\n    api_base: " + api_base + "\n    api_key: test-key\n" +
         (provider == "bedrock" ? "    region: us-east-1\n" : "") +
         (strict ? "    strict: true\n" : "");
}

struct provider_case {
  std::string provider;
  std::string model;
  std::string api_base;
  std::string dropped;      // a top-level field this provider drops
  std::string embed_model;  // empty: the provider has no embeddings
};

const std::vector<provider_case>& cases() {
  static const std::vector<provider_case> all{
      {"anthropic", "claude-fake@tokens=2", "FAKE", "seed", ""},
      {"gemini", "gemini-fake@tokens=2", "FAKEbeta", "user", "text-embedding-004"},
      {"mistral", "mistral-small@tokens=2", "FAKE_ROOT/mistral/v1", "user", "mistral-embed"},
      {"ollama", "llama3.2@tokens=2", "FAKE_ROOT", "user", "all-minilm"},
      {"bedrock", "anthropic.claude-fake@tokens=2", "FAKE_ROOT", "seed", ""}};
  return all;
}

std::string models_yaml() {
  std::string yaml;
  for (const auto& c : cases())
    for (bool strict : {false, true}) {
      const std::string suffix = strict ? "-strict" : "-lax";
      yaml += entry(c.provider + suffix, c.provider, c.model, c.api_base, strict);
      if (!c.embed_model.empty())
        yaml +=
            entry(c.provider + "-embed" + suffix, c.provider, c.embed_model, c.api_base, strict);
    }
  return yaml;
}

class StrictDeployments : public ::testing::TestWithParam<provider_case> {
 public:
  static void SetUpTestSuite() { env = new gateway_fixture(models_yaml()); }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static std::string last_native_body() {
    return http_call(env->fake.port(), "GET", "/fake/last-request").body;
  }
  static std::string chat(const std::string& model, const std::string& words,
                          const std::string& extra) {
    return R"({"model":")" + model + R"(","messages":[{"role":"user","content":")" + words +
           R"("}])" + extra + "}";
  }
};
gateway_fixture* StrictDeployments::env = nullptr;

TEST_P(StrictDeployments, WithoutTheFlagADroppedFieldIsNamed) {
  const auto& c = GetParam();
  auto reply = post_json(env->port(), "/v1/chat/completions",
                         chat(c.provider + "-lax", "lax words", R"(,")" + c.dropped + R"(":"x")"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-dropped-params"), c.dropped);
  EXPECT_NE(last_native_body().find("lax words"), std::string::npos);
}

TEST_P(StrictDeployments, ADroppedFieldIsRefusedBeforeAnythingGoesUp) {
  const auto& c = GetParam();
  ASSERT_EQ(post_json(env->port(), "/v1/chat/completions", chat(c.provider + "-lax", "before", ""))
                .status,
            200);
  for (const char* stream : {"", R"(,"stream":true)"}) {
    auto reply = post_json(
        env->port(), "/v1/chat/completions",
        chat(c.provider + "-strict", "never sent", R"(,")" + c.dropped + R"(":"x")" + stream));
    ASSERT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(reply.header("content-type"), "application/json");
    auto error = error_of(reply);
    EXPECT_EQ(error.at("type").as_string(), "invalid_request_error");
    EXPECT_EQ(error.at("param").as_string(), c.dropped);
    EXPECT_EQ(error.at("code").as_string(), "unsupported_parameter");
    EXPECT_NE(std::string(error.at("message").as_string()).find("strict"), std::string::npos);
    EXPECT_TRUE(reply.header("x-keygate-dropped-params").empty());
  }
  EXPECT_NE(last_native_body().find("before"), std::string::npos);
}

TEST_P(StrictDeployments, EveryDroppedFieldIsNamedAndTheFirstIsTheParam) {
  const auto& c = GetParam();
  auto reply = post_json(env->port(), "/v1/chat/completions",
                         R"({"model":")" + c.provider +
                             R"(-strict","messages":[{"role":"user","content":"hi","name":"ann"}],)"
                             R"("logit_bias":{"1":2},"store":true})");
  ASSERT_EQ(reply.status, 400) << reply.body;
  auto error = error_of(reply);
  EXPECT_EQ(error.at("param").as_string(), "logit_bias");
  const std::string message(error.at("message").as_string());
  for (const char* name : {"logit_bias", "store", "messages[].name"})
    EXPECT_NE(message.find(name), std::string::npos) << message;
}

TEST_P(StrictDeployments, NothingDroppedIsAnswered) {
  const auto& c = GetParam();
  auto answer = post_ok(env->port(), chat(c.provider + "-strict", "strict but fine",
                                          R"(,"temperature":0.5,"max_tokens":50)"));
  EXPECT_EQ(answer.at("choices").at(0).at("message").at("content").as_string(), "tok0 tok1");
  auto stream = post_json(env->port(), "/v1/chat/completions",
                          chat(c.provider + "-strict", "streamed", R"(,"stream":true)"));
  ASSERT_EQ(stream.status, 200) << stream.body;
  EXPECT_EQ(sse_data(stream.body).back(), "[DONE]");
}

TEST_P(StrictDeployments, Embeddings) {
  const auto& c = GetParam();
  if (c.embed_model.empty()) {  // no embeddings at all: the same 400 either way
    auto reply = post_json(env->port(), "/v1/embeddings",
                           R"({"model":")" + c.provider + R"(-strict","input":"x","user":"u"})");
    ASSERT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(error_of(reply).at("code").as_string(), "unsupported_operation");
    return;
  }
  const std::string body = R"(","input":["one two"],"user":"u-1"})";
  auto lax =
      post_json(env->port(), "/v1/embeddings", R"({"model":")" + c.provider + "-embed-lax" + body);
  ASSERT_EQ(lax.status, 200) << lax.body;
  EXPECT_EQ(lax.header("x-keygate-dropped-params"), "user");
  auto strict = post_json(env->port(), "/v1/embeddings",
                          R"({"model":")" + c.provider + "-embed-strict" + body);
  ASSERT_EQ(strict.status, 400) << strict.body;
  auto error = error_of(strict);
  EXPECT_EQ(error.at("param").as_string(), "user");
  EXPECT_EQ(error.at("code").as_string(), "unsupported_parameter");
  auto fine = post_json(env->port(), "/v1/embeddings",
                        R"({"model":")" + c.provider + R"(-embed-strict","input":"one"})");
  EXPECT_EQ(fine.status, 200) << fine.body;
}

INSTANTIATE_TEST_SUITE_P(Providers, StrictDeployments, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.provider; });

}  // namespace
}  // namespace keygate::testing::strict_test
