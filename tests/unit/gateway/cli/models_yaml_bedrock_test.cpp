// A Bedrock deployment written back as keygate YAML (import-litellm's output) keeps its region and
// key references, and reads back as the same deployment.
#include <gtest/gtest.h>

#include <cstdlib>

#include "gateway/cli/models_yaml.hpp"

namespace keygate::models_yaml_bedrock_test {
namespace {

TEST(ModelsYamlBedrock, RegionAndKeyReferencesSurviveTheRoundTrip) {
  config cfg;
  model_group g;
  g.name = "claude";
  deployment d;
  d.id = "claude#0";
  d.provider = "bedrock";
  d.model = "anthropic.claude-3-haiku-20240307-v1:0";
  d.api_base = "https://bedrock-runtime.eu-west-1.amazonaws.com";
  d.aws = {"eu-west-1", "AKIDWRITTEN", "${KEYGATE_TEST_BEDROCK_SECRET}", ""};
  g.deployments.push_back(d);
  cfg.models.push_back(g);

  const std::string yaml = cli::models_yaml(cfg);
  EXPECT_EQ(yaml.find("api_base"), std::string::npos) << yaml;  // the region's default
  EXPECT_NE(yaml.find("region: eu-west-1"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("aws_secret_access_key: ${KEYGATE_TEST_BEDROCK_SECRET}"), std::string::npos)
      << yaml;
  EXPECT_EQ(yaml.find("aws_session_token"), std::string::npos) << yaml;

  setenv("KEYGATE_TEST_BEDROCK_SECRET", "secret-value", 1);
  const auto back = parse_config(yaml, "out.yaml");
  unsetenv("KEYGATE_TEST_BEDROCK_SECRET");
  const auto& read = back.models.at(0).deployments.at(0);
  EXPECT_EQ(read.api_base, d.api_base);
  EXPECT_EQ(read.aws.region, "eu-west-1");
  EXPECT_EQ(read.aws.access_key_id, "AKIDWRITTEN");
  EXPECT_EQ(read.aws.secret_access_key, "secret-value");
}

}  // namespace
}  // namespace keygate::models_yaml_bedrock_test
