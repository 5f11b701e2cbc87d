// LiteLLM proxy configs, shaped as LiteLLM's documentation writes them, read as keygate's own.
#include <gtest/gtest.h>

#include <cstdlib>

#include "gateway/config/config.hpp"

namespace keygate::config_litellm_test {
namespace {

bool has_notice(const config& cfg, const std::string& text) {
  for (const auto& n : cfg.notices)
    if (n.find(text) != std::string::npos) return true;
  return false;
}

TEST(LiteLlmConfig, ModelListBecomesGroupsWithDeployments) {
  setenv("KEYGATE_TEST_AZURE_KEY", "az-secret", 1);
  setenv("KEYGATE_TEST_OPENAI_KEY", "sk-secret", 1);
  auto cfg = parse_config(R"(model_list:
  - model_name: gpt-4o
    litellm_params:
      model: azure/gpt-4o-eu
      api_base: https://eu.openai.azure.com
      api_key: os.environ/KEYGATE_TEST_AZURE_KEY
      api_version: "2024-10-21"
      weight: 2
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/KEYGATE_TEST_OPENAI_KEY
      timeout: 30
      stream_timeout: 5
  - model_name: local
    litellm_params:
      model: hosted_vllm/meta-llama/Llama-3.1-8B
      api_base: http://localhost:8000/v1
)",
                          "litellm.yaml");
  ASSERT_EQ(cfg.models.size(), 2u);
  const auto& gpt = cfg.models[0];
  EXPECT_EQ(gpt.name, "gpt-4o");
  ASSERT_EQ(gpt.deployments.size(), 2u);
  EXPECT_EQ(gpt.deployments[0].provider, "azure");
  EXPECT_EQ(gpt.deployments[0].model, "gpt-4o-eu");
  EXPECT_EQ(gpt.deployments[0].api_key, "az-secret");
  EXPECT_EQ(gpt.deployments[0].api_version, "2024-10-21");
  EXPECT_EQ(gpt.deployments[0].weight, 2);
  EXPECT_EQ(gpt.deployments[1].provider, "openai");
  EXPECT_EQ(gpt.deployments[1].api_base, "https://api.openai.com/v1");
  EXPECT_EQ(gpt.deployments[1].timeouts.total, millis(30'000));
  EXPECT_EQ(gpt.deployments[1].timeouts.first_byte, millis(5'000));
  EXPECT_EQ(cfg.models[1].deployments[0].provider, "openai_compatible");
  EXPECT_EQ(cfg.models[1].deployments[0].model, "meta-llama/Llama-3.1-8B");
  EXPECT_NE(gpt.deployments[0].id, gpt.deployments[1].id);
}

TEST(LiteLlmConfig, RouterSettingsBecomeTheRoutersAndFallbacksResolve) {
  auto cfg = parse_config(R"(model_list:
  - model_name: big
    litellm_params: {model: openai/gpt-4o, api_key: k}
  - model_name: small
    litellm_params: {model: openai/gpt-4o-mini, api_key: k}
  - model_name: long
    litellm_params: {model: openai/gpt-4.1, api_key: k}
router_settings:
  routing_strategy: least-busy
  num_retries: 3
  allowed_fails: 5
  cooldown_time: 45
  fallbacks: [{"big": ["small"]}]
  context_window_fallbacks: [{"big": ["long"]}]
)",
                          "litellm.yaml");
  EXPECT_EQ(cfg.router.retries, 3);
  EXPECT_EQ(cfg.router.cooldown.failures, 5);
  EXPECT_EQ(cfg.router.cooldown.period, millis(45'000));
  const auto* big = cfg.find_model("big");
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(big->strategy, balance_strategy::least_inflight);
  EXPECT_EQ(big->retries, 3);
  EXPECT_EQ(big->fallbacks, std::vector<std::string>{"small"});
  EXPECT_EQ(big->context_window_fallbacks, std::vector<std::string>{"long"});
  EXPECT_TRUE(cfg.find_model("small")->fallbacks.empty());
}

TEST(LiteLlmConfig, WhatHasNoEquivalentIsReportedLineByLine) {
  auto cfg = parse_config(R"(model_list:
  - model_name: gpt
    litellm_params:
      model: openai/gpt-4o
      api_key: k
      rpm: 60
      tpm: 100000
  - model_name: vertex
    litellm_params:
      model: vertex_ai/gemini-pro
router_settings:
  routing_strategy: usage-based-routing-v2
  redis_host: localhost
litellm_settings:
  drop_params: true
general_settings:
  master_key: sk-1234
  database_url: postgresql://x
)",
                          "litellm.yaml");
  EXPECT_EQ(cfg.models.size(), 1u) << "the unsupported provider's model is left out";
  EXPECT_TRUE(has_notice(cfg, "litellm.yaml:6: model_list[0].litellm_params.rpm"));
  EXPECT_TRUE(has_notice(cfg, "litellm.yaml:7: model_list[0].litellm_params.tpm"));
  EXPECT_TRUE(has_notice(cfg,
                         "litellm.yaml:10: model_list[1].litellm_params.model: provider "
                         "'vertex_ai' is not supported"));
  EXPECT_TRUE(has_notice(cfg, "litellm.yaml:12: router_settings.routing_strategy"));
  EXPECT_TRUE(has_notice(cfg, "litellm.yaml:13: router_settings.redis_host"));
  EXPECT_TRUE(has_notice(cfg, "litellm.yaml:15: litellm_settings.drop_params"));
  EXPECT_TRUE(has_notice(cfg, "litellm.yaml:17: general_settings.master_key"));
  EXPECT_TRUE(has_notice(cfg, "litellm.yaml:18: general_settings.database_url"));
}

TEST(LiteLlmConfig, OllamaPrefixesReachOllamasNativeApi) {
  auto cfg = parse_config(R"(model_list:
  - model_name: local
    litellm_params:
      model: ollama_chat/llama3.2
  - model_name: remote
    litellm_params:
      model: ollama/qwen3
      api_base: http://gpu-box:11434
)",
                          "litellm.yaml");
  ASSERT_EQ(cfg.models.size(), 2u);
  const auto& local = cfg.find_model("local")->deployments.at(0);
  EXPECT_EQ(local.provider, "ollama");
  EXPECT_EQ(local.model, "llama3.2");
  EXPECT_EQ(local.api_base, "http://localhost:11434");
  const auto& remote = cfg.find_model("remote")->deployments.at(0);
  EXPECT_EQ(remote.provider, "ollama");
  EXPECT_EQ(remote.api_base, "http://gpu-box:11434");
}

TEST(LiteLlmConfig, MistakesAreStillErrors) {
  try {
    parse_config(R"(model_list:
  - model_name: a
    litellm_params: {model: openai/gpt-4o, api_key: os.environ/KEYGATE_TEST_NOT_SET_ANYWHERE}
router_settings:
  fallbacks: [{"a": ["missing"]}]
)",
                 "litellm.yaml");
    FAIL() << "expected config_error";
  } catch (const config_error& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_NE(e.problems()[0].find("KEYGATE_TEST_NOT_SET_ANYWHERE is not set"), std::string::npos);
    EXPECT_NE(e.problems()[1].find("a -> missing"), std::string::npos);
  }
}

}  // namespace
}  // namespace keygate::config_litellm_test
