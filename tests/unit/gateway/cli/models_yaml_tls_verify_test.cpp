// LiteLLM's ssl_verify, read from a LiteLLM config and written back as keygate YAML
// (import-litellm's output): false turns verification off for that deployment alone and survives
// the round trip.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway/cli/models_yaml.hpp"

namespace keygate::models_yaml_tls_verify_test {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

const deployment& only_deployment(const config& cfg, const std::string& model) {
  return cfg.find_model(model)->deployments.at(0);
}

TEST(ModelsYamlTlsVerify, SslVerifyFalseTurnsVerificationOffForThatDeploymentAlone) {
  auto cfg = parse_config(R"(model_list:
  - model_name: lab
    litellm_params: {model: openai/gpt-4o, api_key: k, api_base: "https://lab.example/v1",
                     ssl_verify: false}
  - model_name: same-host
    litellm_params: {model: openai/gpt-4o, api_key: k, api_base: "https://lab.example/v1"}
  - model_name: bundle
    litellm_params: {model: openai/gpt-4o, api_key: k, api_base: "https://lab.example/v1",
                     ssl_verify: /etc/ssl/lab.pem}
  - model_name: plain
    litellm_params: {model: ollama/qwen3, api_base: "http://gpu-box:11434", ssl_verify: false}
)",
                          "litellm.yaml");
  ASSERT_EQ(cfg.models.size(), 4u);
  const auto& lab = only_deployment(cfg, "lab");
  EXPECT_FALSE(lab.tls_verify);
  EXPECT_FALSE(lab.endpoint->verify_tls);
  const auto& same_host = only_deployment(cfg, "same-host");
  EXPECT_TRUE(same_host.endpoint->verify_tls);
  EXPECT_NE(same_host.endpoint->pool_key, lab.endpoint->pool_key);
  EXPECT_TRUE(only_deployment(cfg, "bundle").endpoint->verify_tls);
  EXPECT_THAT(cfg.notices,
              Contains(HasSubstr("litellm.yaml:9: model_list[2].litellm_params.ssl_verify: a CA "
                                 "bundle per deployment is not supported")));
  EXPECT_THAT(cfg.notices,
              Contains(HasSubstr("litellm.yaml:11: model_list[3].litellm_params.ssl_verify: has no "
                                 "effect for an http:// api_base")));

  const std::string yaml = cli::models_yaml(cfg);
  const auto back = parse_config(yaml, "out.yaml");
  EXPECT_FALSE(only_deployment(back, "lab").endpoint->verify_tls) << yaml;
  EXPECT_TRUE(only_deployment(back, "same-host").endpoint->verify_tls) << yaml;
  EXPECT_TRUE(only_deployment(back, "bundle").endpoint->verify_tls) << yaml;
}

}  // namespace
}  // namespace keygate::models_yaml_tls_verify_test
