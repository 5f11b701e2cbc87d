#include "gateway/config/config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "tests/unit/gateway/config/config_problems.hpp"

namespace keygate::config_test {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;

// The problems parse_config reports; fails the test when it accepts the text.
using config_testing::problems_of;

const char* const minimal_models = "models:\n  - name: m\n    provider: mock\n";

TEST(ParseConfig, FullConfigWithDefaults) {
  const std::string yaml =
      "server:\n"
      "  host: 0.0.0.0\n"
      "  port: 8080\n"
      "  limits:\n"
      "    max_body_bytes: 1024\n"
      "log:\n"
      "  level: debug\n"
      "models:\n"
      "  - name: gpt\n"
      "    provider: openai_compatible\n"
      "    model: llama3\n"
      "    api_base: http://localhost:11434/v1/\n"
      "    timeouts:\n"
      "      connect_ms: 500\n"
      "  - name: echo\n"
      "    provider: mock\n"
      "    mock:\n"
      "      reply: hi\n"
      "      token_delay_ms: 5\n";
  const config cfg = parse_config(yaml, "test.yaml");
  EXPECT_EQ(cfg.source, "test.yaml");
  EXPECT_EQ(cfg.server.host, "0.0.0.0");
  EXPECT_EQ(cfg.server.port, 8080);
  EXPECT_EQ(cfg.server.threads, 0u);
  EXPECT_EQ(cfg.server.limits.max_body_bytes, 1024u);
  EXPECT_EQ(cfg.server.limits.max_header_bytes, 16u * 1024);
  EXPECT_EQ(cfg.server.shutdown_grace, millis(30'000));
  EXPECT_EQ(cfg.upstream.max_idle_per_host, 64u);
  EXPECT_EQ(cfg.log.level, "debug");
  EXPECT_TRUE(cfg.log.access_log);
  ASSERT_EQ(cfg.models.size(), 2u);

  const model_group* gpt = cfg.find_model("gpt");
  ASSERT_NE(gpt, nullptr);
  EXPECT_EQ(gpt->deployments.front().id, "gpt");
  EXPECT_EQ(gpt->deployments.front().model, "llama3");
  EXPECT_EQ(gpt->deployments.front().api_key, "");
  EXPECT_EQ(gpt->deployments.front().timeouts.connect, millis(500));
  EXPECT_EQ(gpt->deployments.front().timeouts.total, millis(600'000));
  ASSERT_TRUE(gpt->deployments.front().endpoint.has_value());
  EXPECT_EQ(gpt->deployments.front().endpoint->host, "localhost");
  EXPECT_EQ(gpt->deployments.front().endpoint->port, 11434);
  EXPECT_EQ(gpt->deployments.front().endpoint->base_path, "/v1");

  const model_group* echo = cfg.find_model("echo");
  ASSERT_NE(echo, nullptr);
  EXPECT_EQ(echo->deployments.front().model, "echo");
  EXPECT_EQ(echo->deployments.front().mock.reply, "hi");
  EXPECT_EQ(echo->deployments.front().mock.token_delay, millis(5));
  EXPECT_FALSE(echo->deployments.front().endpoint.has_value());
  EXPECT_EQ(cfg.find_model("missing"), nullptr);
}

TEST(ParseConfig, ResolvesEnvironmentVariables) {
  ASSERT_EQ(setenv("KEYGATE_TEST_KEY", "sk-secret", 1), 0);
  ASSERT_EQ(setenv("KEYGATE_TEST_HOST", "example.com", 1), 0);
  const std::string yaml =
      "models:\n"
      "  - name: a\n"
      "    provider: openai\n"
      "    api_key: ${KEYGATE_TEST_KEY}\n"
      "  - name: b\n"
      "    provider: openai_compatible\n"
      "    api_base: https://${KEYGATE_TEST_HOST}/v1\n"
      "    api_key: os.environ/KEYGATE_TEST_KEY\n"
      "  - name: c\n"
      "    provider: openai\n"
      "    api_key: pre-${KEYGATE_TEST_KEY}-post\n";
  const config cfg = parse_config(yaml, "test.yaml");
  EXPECT_EQ(cfg.find_model("a")->deployments.front().api_key, "sk-secret");
  EXPECT_EQ(cfg.find_model("b")->deployments.front().api_key, "sk-secret");
  EXPECT_EQ(cfg.find_model("b")->deployments.front().api_base, "https://example.com/v1");
  EXPECT_EQ(cfg.find_model("c")->deployments.front().api_key, "pre-sk-secret-post");
}

TEST(ParseConfig, UnsetEnvironmentVariableNamesFileLineAndField) {
  ASSERT_EQ(unsetenv("KEYGATE_TEST_UNSET"), 0);
  const std::string yaml =
      "models:\n"
      "  - name: a\n"
      "    provider: openai\n"
      "    api_key: ${KEYGATE_TEST_UNSET}\n";
  auto problems = problems_of(yaml);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("test.yaml:4: models[0].api_key:"));
  EXPECT_THAT(problems[0], HasSubstr("KEYGATE_TEST_UNSET is not set"));
}

TEST(ParseConfig, UnknownProvider) {
  auto problems = problems_of("models:\n  - name: a\n    provider: nowhere-ai\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], AllOf(HasSubstr("test.yaml:3: models[0].provider:"),
                                 HasSubstr("unknown provider 'nowhere-ai'"), HasSubstr("openai")));
}

TEST(ParseConfig, DuplicateModelNames) {
  auto problems =
      problems_of("models:\n  - name: a\n    provider: mock\n  - name: a\n    provider: mock\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("test.yaml:4: models[1].name: duplicate model name 'a'"));
}

TEST(ParseConfig, WrongTypes) {
  auto problems =
      problems_of(std::string("server:\n  port: abc\n  threads: -1\n") + minimal_models);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0], "test.yaml:2: server.port: must be a whole number");
  EXPECT_EQ(problems[1], "test.yaml:3: server.threads: must be 0 to 256");
}

TEST(ParseConfig, UnknownFieldsAnywhere) {
  const std::string yaml =
      "colour: red\n"
      "server:\n"
      "  prot: 1\n"
      "  limits:\n"
      "    max_bodybytes: 3\n"
      "models:\n"
      "  - name: m\n"
      "    provider: mock\n"
      "    api_kee: x\n";
  auto problems = problems_of(yaml);
  EXPECT_EQ(problems.size(), 4u);
  EXPECT_THAT(problems, Contains("test.yaml:1: colour: unknown field"));
  EXPECT_THAT(problems, Contains("test.yaml:3: server.prot: unknown field"));
  EXPECT_THAT(problems, Contains("test.yaml:5: server.limits.max_bodybytes: unknown field"));
  EXPECT_THAT(problems, Contains("test.yaml:9: models[0].api_kee: unknown field"));
}

TEST(ParseConfig, ReportsEveryProblemAtOnce) {
  const std::string yaml =
      "server:\n"
      "  port: 70000\n"
      "log:\n"
      "  level: loud\n"
      "models:\n"
      "  - name: a\n"
      "    provider: nope\n"
      "  - provider: mock\n";
  try {
    parse_config(yaml, "test.yaml");
    FAIL() << "accepted";
  } catch (const config_error& e) {
    const auto& problems = e.problems();
    ASSERT_EQ(problems.size(), 4u);
    EXPECT_THAT(problems[0], HasSubstr("server.port: must be 0 to 65535"));
    EXPECT_THAT(problems[1], HasSubstr("log.level: must be one of"));
    EXPECT_THAT(problems[2], HasSubstr("models[0].provider: unknown provider 'nope'"));
    EXPECT_THAT(problems[3], HasSubstr("models[1].name: is required"));
    EXPECT_STREQ(e.what(), problems[0].c_str());
  }
}

TEST(ParseConfig, RejectsBadApiBase) {
  const std::string yaml =
      "models:\n"
      "  - name: a\n"
      "    provider: openai_compatible\n"
      "    api_base: ftp://example.com/v1\n"
      "  - name: b\n"
      "    provider: openai_compatible\n"
      "    api_base: http:///v1\n"
      "  - name: c\n"
      "    provider: openai_compatible\n"
      "    api_base: https://example.com/v1?x=1\n"
      "  - name: d\n"
      "    provider: openai_compatible\n";
  auto problems = problems_of(yaml);
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0], "test.yaml:4: models[0].api_base: the scheme must be http or https");
  EXPECT_EQ(problems[1], "test.yaml:7: models[1].api_base: the URL has no host");
  EXPECT_EQ(problems[2],
            "test.yaml:10: models[2].api_base: the URL must not have a query or fragment");
  EXPECT_THAT(problems[3], HasSubstr("models[3].api_base: is required for openai_compatible"));
}

TEST(ParseConfig, OpenAiHasADefaultApiBaseButNeedsAKey) {
  const config cfg =
      parse_config("models:\n  - name: a\n    provider: openai\n    api_key: k\n", "t.yaml");
  const auto& target = cfg.models.at(0).deployments.front();
  EXPECT_EQ(target.api_base, "https://api.openai.com/v1");
  ASSERT_TRUE(target.endpoint.has_value());
  EXPECT_TRUE(target.endpoint->tls);
  EXPECT_EQ(target.endpoint->host, "api.openai.com");
  EXPECT_EQ(target.endpoint->port, 443);

  auto problems = problems_of("models:\n  - name: a\n    provider: openai\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("models[0].api_key: is required for openai"));
}

TEST(ParseConfig, MockProviderNeedsNoKey) {
  const config cfg = parse_config(minimal_models, "t.yaml");
  ASSERT_EQ(cfg.models.size(), 1u);
  EXPECT_EQ(cfg.models[0].deployments.front().provider, "mock");
  EXPECT_EQ(cfg.models[0].deployments.front().api_key, "");
  EXPECT_EQ(cfg.models[0].deployments.front().api_base, "");
}

TEST(ParseConfig, YamlSyntaxErrorReportsALine) {
  auto problems = problems_of("server:\n  port: 1\nmodels: [\n  - name: a\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], testing::MatchesRegex("test\\.yaml:[0-9]+: .+"));
  EXPECT_THAT(problems[0], testing::Not(HasSubstr("test.yaml:0:")));
}

TEST(ParseConfig, MissingOrEmptyModelsList) {
  EXPECT_THAT(problems_of("server:\n  port: 1\n"),
              Contains(HasSubstr("models: must be a non-empty list")));
  EXPECT_THAT(problems_of("models: []\n"), Contains(HasSubstr("models: must be a non-empty list")));
}

// Found by fuzzing: YAML's complex keys ("? a: b") made the loader throw past its own errors.
TEST(ConfigErrors, ComplexKeysAreProblemsNotExceptions) {
  EXPECT_THAT(problems_of("server:\n  host: 127.0.0.1\n? port: 4000\n"),
              Contains(HasSubstr("a key must be a plain name")));
  EXPECT_THAT(problems_of("? [models]\n: 1\n"), Contains(HasSubstr("a key must be a plain name")));
}

}  // namespace
}  // namespace keygate::config_test
