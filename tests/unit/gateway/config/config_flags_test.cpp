// The deployment flags that change how a request is treated: reasoning, strict and tls_verify.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gateway/config/config.hpp"
#include "tests/unit/gateway/config/config_problems.hpp"

namespace keygate::config_flags_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using config_testing::problems_of;

TEST(ConfigFlags, OllamaNeedsNoKeyAndADeploymentMayReason) {
  const config cfg = parse_config(
      "models:\n"
      "  - name: local\n"
      "    provider: ollama\n"
      "    model: qwen3\n"
      "    reasoning: true\n"
      "  - name: local-v1\n"
      "    deployments:\n"
      "      - {provider: ollama_openai, model: llama3.2}\n",
      "test.yaml");
  const auto& native = cfg.find_model("local")->deployments[0];
  EXPECT_EQ(native.provider, "ollama");
  EXPECT_EQ(native.api_base, "http://localhost:11434");
  EXPECT_TRUE(native.api_key.empty());
  EXPECT_TRUE(native.reasoning);
  const auto& compat = cfg.find_model("local-v1")->deployments[0];
  EXPECT_EQ(compat.api_base, "http://localhost:11434/v1");
  EXPECT_FALSE(compat.reasoning);
}

TEST(ConfigFlags, ReasoningWhereItHasNoEffectIsANotice) {
  const config cfg = parse_config(
      "models:\n  - {name: a, provider: openai, api_key: k, model: o3, reasoning: true}\n",
      "test.yaml");
  EXPECT_THAT(cfg.notices,
              ElementsAre(HasSubstr("models[0].reasoning: has no effect for provider openai yet")));
}

TEST(ConfigFlags, AutoCacheTakesEffectOnAnthropicAndBedrockClaudeOnly) {
  const std::string aws = "region: us-east-1, aws_access_key_id: AKID, aws_secret_access_key: s";
  const config cfg = parse_config(
      "models:\n"
      "  - {name: a, provider: anthropic, api_key: k, model: claude-sonnet-4-5, auto_cache: true}\n"
      "  - {name: b, provider: bedrock, " +
          aws +
          ", model: \"anthropic.claude-sonnet-4-5-20250929-v1:0\", auto_cache: true}\n"
          "  - {name: t, provider: bedrock, " +
          aws +
          ", model: amazon.titan-text-express-v1, auto_cache: true}\n"
          "  - {name: o, provider: openai, api_key: k, model: gpt-4o, auto_cache: true}\n",
      "test.yaml");
  EXPECT_THAT(cfg.notices,
              ElementsAre(HasSubstr("models[2].auto_cache: Bedrock caches prompts for Claude "
                                    "models only; ignored for amazon.titan-text-express-v1"),
                          HasSubstr("models[3].auto_cache: has no effect for provider openai")));
  for (const char* name : {"a", "b"})
    EXPECT_TRUE(cfg.find_model(name)->deployments[0].auto_cache) << name;
}

TEST(ConfigFlags, ReasoningIsTrueOrFalse) {
  EXPECT_THAT(problems_of("models:\n  - {name: a, provider: ollama, reasoning: maybe}\n"),
              ElementsAre(HasSubstr("models[0].reasoning: must be true or false")));
}

TEST(ConfigFlags, TranslatingProvidersReason) {
  const config cfg = parse_config(
      "models:\n"
      "  - {name: a, provider: anthropic, api_key: k, model: claude, reasoning: true}\n"
      "  - {name: g, provider: gemini, api_key: k, model: gemini-2.5-pro, reasoning: true}\n"
      "  - {name: m, provider: mistral, api_key: k, model: magistral, reasoning: true}\n"
      "  - {name: c, provider: cohere, api_key: k, model: command-a-reasoning, reasoning: true}\n",
      "test.yaml");
  EXPECT_THAT(cfg.notices, IsEmpty());
  for (const char* name : {"a", "g", "m", "c"})
    EXPECT_TRUE(cfg.find_model(name)->deployments[0].reasoning) << name;
}

TEST(ConfigFlags, StrictOnAGroupOrADeployment) {
  const config cfg = parse_config(
      "models:\n"
      "  - {name: a, provider: anthropic, api_key: k, model: claude, strict: true}\n"
      "  - name: b\n"
      "    deployments:\n"
      "      - {provider: mistral, api_key: k, model: small, strict: true}\n"
      "      - {provider: mistral, api_key: k, model: large}\n",
      "test.yaml");
  EXPECT_TRUE(cfg.find_model("a")->deployments[0].strict);
  EXPECT_TRUE(cfg.find_model("b")->deployments[0].strict);
  EXPECT_FALSE(cfg.find_model("b")->deployments[1].strict);
}

TEST(ConfigFlags, StrictIsTrueOrFalse) {
  EXPECT_THAT(problems_of("models:\n  - {name: a, provider: ollama, strict: sometimes}\n"),
              ElementsAre(HasSubstr("models[0].strict: must be true or false")));
}

TEST(ConfigFlags, TlsVerifyIsOnUnlessADeploymentSwitchesItOff) {
  const config cfg = parse_config(
      "models:\n"
      "  - name: a\n"
      "    deployments:\n"
      "      - {provider: openai, api_key: k, api_base: 'https://llm.internal/v1', tls_verify: "
      "false}\n"
      "      - {provider: openai, api_key: k, api_base: 'https://llm.internal/v1'}\n",
      "test.yaml");
  const auto& off = cfg.find_model("a")->deployments[0];
  const auto& on = cfg.find_model("a")->deployments[1];
  EXPECT_FALSE(off.tls_verify);
  EXPECT_FALSE(off.endpoint->verify_tls);
  EXPECT_TRUE(on.endpoint->verify_tls);
  EXPECT_NE(off.endpoint->pool_key, on.endpoint->pool_key)
      << "a verified deployment must never take an unverified connection from the pool";
  EXPECT_THAT(cfg.notices, IsEmpty());
}

TEST(ConfigFlags, TlsVerifyOffForPlainHttpIsANotice) {
  const config cfg = parse_config(
      "models:\n  - {name: a, provider: openai, api_key: k, api_base: 'http://h/v1', tls_verify: "
      "false}\n",
      "test.yaml");
  EXPECT_TRUE(cfg.find_model("a")->deployments[0].endpoint->verify_tls);
  EXPECT_THAT(
      cfg.notices,
      ElementsAre(HasSubstr("models[0].tls_verify: has no effect for an http:// api_base")));
}

TEST(ConfigFlags, TlsVerifyIsTrueOrFalse) {
  EXPECT_THAT(
      problems_of("models:\n  - {name: a, provider: openai, api_key: k, tls_verify: no-thanks}\n"),
      ElementsAre(HasSubstr("models[0].tls_verify: must be true or false")));
}

}  // namespace
}  // namespace keygate::config_flags_test
