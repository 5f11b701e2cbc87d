// A Bedrock deployment's region and credentials: from the file, else the AWS environment.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <optional>

#include "gateway/config/config.hpp"
#include "tests/unit/gateway/config/config_problems.hpp"

namespace keygate::config_aws_test {
namespace {

using config_testing::problems_of;
using ::testing::Contains;
using ::testing::HasSubstr;

// Clears the AWS variables for one test and restores them after.
class AwsEnvironment : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : names) {
      if (const char* value = std::getenv(name)) saved_[name] = value;
      unsetenv(name);
    }
  }
  void TearDown() override {
    for (const char* name : names) {
      unsetenv(name);
      if (auto it = saved_.find(name); it != saved_.end()) setenv(name, it->second.c_str(), 1);
    }
  }
  static constexpr const char* names[] = {"AWS_REGION",        "AWS_DEFAULT_REGION",
                                          "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                          "AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK"};

 private:
  std::map<std::string, std::string> saved_;
};

const deployment& only_deployment(const config& cfg) {
  return cfg.models.at(0).deployments.at(0);
}

const std::string bedrock = "models:\n  - name: claude\n    provider: bedrock\n";

TEST_F(AwsEnvironment, KeysAndRegionFromTheFile) {
  const auto cfg = parse_config(bedrock +
                                    "    model: anthropic.claude-3-haiku-20240307-v1:0\n"
                                    "    region: eu-west-1\n"
                                    "    aws_access_key_id: AKIDFILE\n"
                                    "    aws_secret_access_key: secret-from-file\n"
                                    "    aws_session_token: token-from-file\n",
                                "test.yaml");
  const auto& d = only_deployment(cfg);
  EXPECT_EQ(d.api_base, "https://bedrock-runtime.eu-west-1.amazonaws.com");
  EXPECT_EQ(d.endpoint->host_header, "bedrock-runtime.eu-west-1.amazonaws.com");
  EXPECT_EQ(d.aws.region, "eu-west-1");
  EXPECT_EQ(d.aws.access_key_id, "AKIDFILE");
  EXPECT_EQ(d.aws.secret_access_key, "secret-from-file");
  EXPECT_EQ(d.aws.session_token, "token-from-file");
  EXPECT_TRUE(d.api_key.empty());
}

TEST_F(AwsEnvironment, KeysAndRegionFromTheEnvironment) {
  setenv("AWS_DEFAULT_REGION", "us-west-2", 1);
  setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "secret-from-env", 1);
  setenv("AWS_SESSION_TOKEN", "token-from-env", 1);
  const auto cfg = parse_config(bedrock, "test.yaml");
  const auto& d = only_deployment(cfg);
  EXPECT_EQ(d.aws.region, "us-west-2");
  EXPECT_EQ(d.api_base, "https://bedrock-runtime.us-west-2.amazonaws.com");
  EXPECT_EQ(d.aws.access_key_id, "AKIDENV");
  EXPECT_EQ(d.aws.secret_access_key, "secret-from-env");
  EXPECT_EQ(d.aws.session_token, "token-from-env");
}

TEST_F(AwsEnvironment, AwsRegionWinsOverTheDefaultRegion) {
  setenv("AWS_REGION", "ap-south-1", 1);
  setenv("AWS_DEFAULT_REGION", "us-west-2", 1);
  setenv("AWS_BEARER_TOKEN_BEDROCK", "bedrock-key", 1);
  const auto cfg = parse_config(bedrock, "test.yaml");
  const auto& d = only_deployment(cfg);
  EXPECT_EQ(d.aws.region, "ap-south-1");
  EXPECT_EQ(d.api_key, "bedrock-key");
  EXPECT_FALSE(d.aws.enabled());
}

TEST_F(AwsEnvironment, TheFileWinsOverTheEnvironment) {
  setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "secret-from-env", 1);
  const auto cfg = parse_config(
      bedrock + "    region: us-east-1\n    api_key: bedrock-key-in-file\n", "test.yaml");
  const auto& d = only_deployment(cfg);
  EXPECT_EQ(d.api_key, "bedrock-key-in-file");
  EXPECT_FALSE(d.aws.enabled());
}

TEST_F(AwsEnvironment, ExplicitApiBaseKeepsItsHost) {
  const auto cfg = parse_config(bedrock +
                                    "    region: us-east-1\n"
                                    "    api_base: http://127.0.0.1:9000\n"
                                    "    aws_access_key_id: AKID\n"
                                    "    aws_secret_access_key: s\n",
                                "test.yaml");
  const auto& d = only_deployment(cfg);
  EXPECT_EQ(d.api_base, "http://127.0.0.1:9000");
}

TEST_F(AwsEnvironment, RegionIsRequired) {
  EXPECT_THAT(problems_of(bedrock + "    aws_access_key_id: A\n    aws_secret_access_key: s\n"),
              Contains(HasSubstr("region: is required for bedrock")));
}

TEST_F(AwsEnvironment, CredentialsAreRequired) {
  EXPECT_THAT(problems_of(bedrock + "    region: us-east-1\n"),
              Contains(HasSubstr("needs AWS credentials")));
}

TEST_F(AwsEnvironment, KeyIdAndSecretGoTogether) {
  EXPECT_THAT(problems_of(bedrock + "    region: us-east-1\n    aws_access_key_id: A\n"),
              Contains(HasSubstr("go together")));
}

TEST_F(AwsEnvironment, RegionMustLookLikeOne) {
  EXPECT_THAT(problems_of(bedrock + "    region: \"evil.com/x\"\n    api_key: k\n"),
              Contains(HasSubstr("not an AWS region name")));
}

TEST_F(AwsEnvironment, OtherProvidersNoteTheKeysAsIgnored) {
  const auto cfg = parse_config(
      "models:\n  - name: m\n    provider: openai\n    api_key: k\n    region: us-east-1\n",
      "test.yaml");
  EXPECT_THAT(cfg.notices, Contains(HasSubstr("region: has no effect for provider openai")));
}

}  // namespace
}  // namespace keygate::config_aws_test

namespace keygate::config_aws_test {
namespace {

TEST_F(AwsEnvironment, LiteLlmBedrockModelsKeepTheirRegionAndKeys) {
  setenv("KEYGATE_TEST_AWS_SECRET", "secret-from-env", 1);
  const auto cfg = parse_config(R"(model_list:
  - model_name: claude
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
      aws_region_name: eu-central-1
      aws_access_key_id: AKIDLITELLM
      aws_secret_access_key: os.environ/KEYGATE_TEST_AWS_SECRET
)",
                                "litellm.yaml");
  unsetenv("KEYGATE_TEST_AWS_SECRET");
  const auto& d = only_deployment(cfg);
  EXPECT_EQ(d.provider, "bedrock");
  EXPECT_EQ(d.model, "anthropic.claude-3-haiku-20240307-v1:0");
  EXPECT_EQ(d.api_base, "https://bedrock-runtime.eu-central-1.amazonaws.com");
  EXPECT_EQ(d.aws.access_key_id, "AKIDLITELLM");
  EXPECT_EQ(d.aws.secret_access_key, "secret-from-env");
}

}  // namespace
}  // namespace keygate::config_aws_test
