#include "gateway/config/startup_summary.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace keygate::startup_summary_test {
namespace {

using ::testing::ElementsAre;

const model_group& chat() {
  static const config cfg = parse_config(
      "models:\n"
      "  - name: chat\n"
      "    deployments:\n"
      "      - {name: vetted, provider: openai, api_key: sk-one, model: gpt-4o,\n"
      "         api_base: 'https://llm.internal/v1'}\n"
      "      - {name: lab, provider: openai, api_key: sk-two, model: gpt-4o,\n"
      "         api_base: 'https://llm.lab/v1', tls_verify: false}\n",
      "test.yaml");
  return cfg.models[0];
}

TEST(StartupSummary, LineNamesEachDeploymentAndAnUncheckedCertificate) {
  EXPECT_EQ(describe_group_line(chat()),
            "chat: vetted (openai gpt-4o), lab (openai gpt-4o, certificate not verified)");
}

TEST(StartupSummary, JsonMarksOnlyTheUnverifiedDeployment) {
  const auto text = boost::json::serialize(describe_group(chat()));
  EXPECT_EQ(text,
            R"({"model":"chat","strategy":"weighted","deployments":[)"
            R"({"id":"vetted","provider":"openai","upstream_model":"gpt-4o"},)"
            R"({"id":"lab","provider":"openai","upstream_model":"gpt-4o","tls_verify":false}]})");
}

TEST(StartupSummary, UnverifiedDeploymentsAreListedForTheWarning) {
  config cfg;
  cfg.models = {chat(), chat()};
  cfg.models[1].deployments[1].id = "lab-2";
  EXPECT_THAT(unverified_deployments(cfg), ElementsAre("lab", "lab-2"));
}

TEST(StartupSummary, NeverShowsAKeyOrAUrl) {
  const auto line = describe_group_line(chat());
  const auto json = boost::json::serialize(describe_group(chat()));
  for (const auto* secret : {"sk-one", "sk-two", "llm.internal", "llm.lab"}) {
    EXPECT_EQ(line.find(secret), std::string::npos) << secret;
    EXPECT_EQ(json.find(secret), std::string::npos) << secret;
  }
}

}  // namespace
}  // namespace keygate::startup_summary_test
