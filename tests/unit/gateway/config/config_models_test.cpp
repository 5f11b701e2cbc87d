#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gateway/config/config.hpp"
#include "tests/unit/gateway/config/config_problems.hpp"

namespace keygate::config_models_test {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The problems parse_config reports; fails the test when it accepts the text.
using config_testing::problems_of;

TEST(ConfigModels, DeploymentsListWithDefaultsAndOverrides) {
  const config cfg = parse_config(
      "models:\n"
      "  - name: gpt\n"
      "    strategy: priority\n"
      "    deployments:\n"
      "      - provider: mock\n"
      "      - provider: openai_compatible\n"
      "        name: local-llama\n"
      "        model: llama3\n"
      "        api_base: http://localhost:11434/v1\n"
      "        weight: 3\n"
      "        priority: 2\n"
      "      - provider: mock\n"
      "        weight: 0\n",
      "test.yaml");
  const model_group* gpt = cfg.find_model("gpt");
  ASSERT_NE(gpt, nullptr);
  EXPECT_EQ(gpt->strategy, balance_strategy::priority);
  ASSERT_EQ(gpt->deployments.size(), 3u);
  const auto& first = gpt->deployments[0];
  EXPECT_EQ(first.id, "gpt#0");
  EXPECT_EQ(first.model, "gpt");
  EXPECT_EQ(first.weight, 1);
  EXPECT_EQ(first.priority, 0);
  const auto& second = gpt->deployments[1];
  EXPECT_EQ(second.id, "local-llama");
  EXPECT_EQ(second.provider, "openai_compatible");
  EXPECT_EQ(second.model, "llama3");
  EXPECT_EQ(second.weight, 3);
  EXPECT_EQ(second.priority, 2);
  EXPECT_EQ(gpt->deployments[2].id, "gpt#2");
  EXPECT_EQ(gpt->deployments[2].weight, 0);
}

TEST(ConfigModels, ShorthandIsOneDeploymentNamedAfterTheGroup) {
  const config cfg = parse_config("models:\n  - name: echo\n    provider: mock\n", "test.yaml");
  ASSERT_EQ(cfg.models.size(), 1u);
  const auto& group = cfg.models[0];
  EXPECT_EQ(group.strategy, balance_strategy::weighted);
  ASSERT_EQ(group.deployments.size(), 1u);
  EXPECT_EQ(group.deployments[0].id, "echo");
  EXPECT_EQ(group.deployments[0].model, "echo");
  EXPECT_EQ(group.deployments[0].provider, "mock");
  EXPECT_THAT(group.fallbacks, IsEmpty());
}

TEST(ConfigModels, ReadsEveryStrategy) {
  const config cfg = parse_config(
      "models:\n"
      "  - {name: a, provider: mock, strategy: weighted}\n"
      "  - {name: b, provider: mock, strategy: least_inflight}\n"
      "  - {name: c, provider: mock, strategy: lowest_latency}\n"
      "  - {name: d, provider: mock, strategy: priority}\n",
      "test.yaml");
  EXPECT_EQ(cfg.find_model("a")->strategy, balance_strategy::weighted);
  EXPECT_EQ(cfg.find_model("b")->strategy, balance_strategy::least_inflight);
  EXPECT_EQ(cfg.find_model("c")->strategy, balance_strategy::lowest_latency);
  EXPECT_EQ(cfg.find_model("d")->strategy, balance_strategy::priority);
}

TEST(ConfigModels, NeedsEitherProviderOrDeployments) {
  EXPECT_THAT(problems_of("models:\n  - name: m\n"),
              Contains(AllOf(HasSubstr("models[0]"), HasSubstr("needs either provider"))));
  EXPECT_THAT(problems_of("models:\n"
                          "  - name: m\n"
                          "    provider: mock\n"
                          "    deployments:\n"
                          "      - provider: mock\n"),
              Contains(AllOf(HasSubstr("models[0]"), HasSubstr("needs either provider"))));
}

TEST(ConfigModels, EmptyDeploymentsListIsAProblem) {
  EXPECT_THAT(problems_of("models:\n  - name: m\n    deployments: []\n"),
              Contains(HasSubstr("models[0].deployments: must be a non-empty list")));
}

TEST(ConfigModels, UnknownDeploymentFieldIsAProblem) {
  EXPECT_THAT(problems_of("models:\n"
                          "  - name: m\n"
                          "    deployments:\n"
                          "      - provider: mock\n"
                          "        wieght: 2\n"),
              Contains(HasSubstr("models[0].deployments[0].wieght: unknown field")));
}

TEST(ConfigModels, UnknownStrategyNamesTheFour) {
  EXPECT_THAT(problems_of("models:\n  - {name: m, provider: mock, strategy: round_robin}\n"),
              ElementsAre(AllOf(HasSubstr("test.yaml:2: models[0].strategy:"),
                                HasSubstr("weighted"), HasSubstr("least_inflight"),
                                HasSubstr("lowest_latency"), HasSubstr("priority"))));
}

TEST(ConfigModels, FallbacksMustNameOtherKnownModels) {
  const config cfg = parse_config(
      "models:\n"
      "  - name: small\n"
      "    provider: mock\n"
      "    fallbacks: [big]\n"
      "    context_window_fallbacks: [big]\n"
      "    content_policy_fallbacks: [other]\n"
      "  - {name: big, provider: mock}\n"
      "  - {name: other, provider: mock}\n",
      "test.yaml");
  const model_group* small = cfg.find_model("small");
  EXPECT_THAT(small->fallbacks, ElementsAre("big"));
  EXPECT_THAT(small->context_window_fallbacks, ElementsAre("big"));
  EXPECT_THAT(small->content_policy_fallbacks, ElementsAre("other"));

  for (const char* key : {"fallbacks", "context_window_fallbacks", "content_policy_fallbacks"}) {
    const std::string field = std::string("models[0].") + key;
    EXPECT_THAT(
        problems_of(std::string("models:\n  - {name: m, provider: mock, ") + key + ": [nope]}\n"),
        ElementsAre(AllOf(HasSubstr(field), HasSubstr("unknown model 'nope'"))));
    EXPECT_THAT(
        problems_of(std::string("models:\n  - {name: m, provider: mock, ") + key + ": [m]}\n"),
        ElementsAre(AllOf(HasSubstr(field), HasSubstr("cannot fall back to itself"))));
  }
}

TEST(ConfigModels, FallbacksMustBeAList) {
  EXPECT_THAT(problems_of("models:\n  - {name: m, provider: mock, fallbacks: other}\n"),
              Contains(HasSubstr("models[0].fallbacks: must be a list of model names")));
}

TEST(ConfigModels, RetriesMustBeZeroToTen) {
  for (const char* retries : {"-1", "11"}) {
    EXPECT_THAT(problems_of(std::string("models:\n  - {name: m, provider: mock, retries: ") +
                            retries + "}\n"),
                ElementsAre(HasSubstr("models[0].retries: must be 0 to 10")))
        << retries;
  }
  EXPECT_THAT(problems_of("router:\n  retries: 11\nmodels:\n  - {name: m, provider: mock}\n"),
              ElementsAre(HasSubstr("router.retries: must be 0 to 10")));
}

TEST(ConfigModels, GroupRetriesDefaultToTheRouters) {
  const config cfg = parse_config(
      "router:\n"
      "  retries: 4\n"
      "models:\n"
      "  - {name: a, provider: mock}\n"
      "  - {name: b, provider: mock, retries: 0}\n"
      "  - {name: c, provider: mock, retries: 10}\n",
      "test.yaml");
  EXPECT_EQ(cfg.find_model("a")->retries, 4);
  EXPECT_EQ(cfg.find_model("b")->retries, 0);
  EXPECT_EQ(cfg.find_model("c")->retries, 10);
  const config defaults = parse_config("models:\n  - {name: a, provider: mock}\n", "test.yaml");
  EXPECT_EQ(defaults.find_model("a")->retries, router_options{}.retries);
}

TEST(ConfigRouter, Defaults) {
  const config cfg = parse_config("models:\n  - {name: a, provider: mock}\n", "test.yaml");
  const router_options& r = cfg.router;
  EXPECT_EQ(r.retries, 2);
  EXPECT_EQ(r.backoff_base, millis(100));
  EXPECT_EQ(r.backoff_max, millis(2'000));
  EXPECT_EQ(r.retry_after_cap, millis(10'000));
  EXPECT_EQ(r.max_request_timeout, millis(600'000));
  EXPECT_EQ(r.cooldown.failures, 3);
  EXPECT_EQ(r.cooldown.window, millis(60'000));
  EXPECT_EQ(r.cooldown.period, millis(30'000));
}

TEST(ConfigRouter, ReadsEveryField) {
  const config cfg = parse_config(
      "router:\n"
      "  retries: 5\n"
      "  backoff_base_ms: 50\n"
      "  backoff_max_ms: 800\n"
      "  retry_after_cap_ms: 3000\n"
      "  max_request_timeout_ms: 120000\n"
      "  cooldown:\n"
      "    failures: 7\n"
      "    window_ms: 9000\n"
      "    period_ms: 4000\n"
      "models:\n"
      "  - {name: a, provider: mock}\n",
      "test.yaml");
  const router_options& r = cfg.router;
  EXPECT_EQ(r.retries, 5);
  EXPECT_EQ(r.backoff_base, millis(50));
  EXPECT_EQ(r.backoff_max, millis(800));
  EXPECT_EQ(r.retry_after_cap, millis(3000));
  EXPECT_EQ(r.max_request_timeout, millis(120'000));
  EXPECT_EQ(r.cooldown.failures, 7);
  EXPECT_EQ(r.cooldown.window, millis(9000));
  EXPECT_EQ(r.cooldown.period, millis(4000));
}

TEST(ConfigRouter, ReportsUnknownAndInvalidFields) {
  EXPECT_THAT(problems_of("router:\n"
                          "  retrys: 3\n"
                          "  max_request_timeout_ms: 0\n"
                          "  cooldown:\n"
                          "    failures: 0\n"
                          "    burst: 2\n"
                          "models:\n"
                          "  - {name: a, provider: mock}\n"),
              ElementsAre(HasSubstr("test.yaml:2: router.retrys: unknown field"),
                          HasSubstr("router.max_request_timeout_ms: must be at least 1"),
                          HasSubstr("router.cooldown.burst: unknown field"),
                          HasSubstr("router.cooldown.failures: must be at least 1")));
}

TEST(ConfigModels, DuplicateDeploymentNamesAcrossGroups) {
  EXPECT_THAT(
      problems_of("models:\n"
                  "  - name: a\n"
                  "    deployments:\n"
                  "      - {provider: mock, name: shared}\n"
                  "  - name: b\n"
                  "    deployments:\n"
                  "      - {provider: mock, name: shared}\n"),
      ElementsAre(AllOf(HasSubstr("models[1]"), HasSubstr("duplicate deployment name 'shared'"))));
  // A shorthand group's deployment is named after the group.
  EXPECT_THAT(problems_of("models:\n"
                          "  - {name: a, provider: mock}\n"
                          "  - name: b\n"
                          "    deployments:\n"
                          "      - {provider: mock, name: a}\n"),
              ElementsAre(HasSubstr("duplicate deployment name 'a'")));
}

}  // namespace
}  // namespace keygate::config_models_test
