#include "gateway/accounting/unpriced.hpp"

#include <gtest/gtest.h>

#include <string>

#include "gateway/config/config.hpp"

namespace keygate::unpriced_test {
namespace {

config sample_config() {
  return parse_config(
      "models:\n"
      "  - name: known\n"
      "    provider: openai\n"
      "    model: gpt-4o\n"
      "    api_key: sk-test\n"
      "  - name: in-house\n"
      "    deployments:\n"
      "      - {name: bare, provider: openai, model: our-model, api_key: sk-test}\n"
      "      - {name: priced, provider: openai, model: our-model, api_key: sk-test,\n"
      "         price: {input: 1, output: 2}}\n"
      "      - {name: waived, provider: openai, model: our-model, api_key: sk-test,\n"
      "         allow_unpriced: true}\n"
      "  - name: local\n"
      "    provider: mock\n",
      "test.yaml");
}

TEST(Unpriced, OnlyADeploymentWithNoPriceAndNoWaiverIsClosedToBudgets) {
  const config cfg = sample_config();
  const auto& in_house = cfg.find_model("in-house")->deployments;
  EXPECT_TRUE(closed_to_budgets(in_house[0]));
  EXPECT_FALSE(closed_to_budgets(in_house[1]));
  EXPECT_FALSE(closed_to_budgets(in_house[2]));
  EXPECT_FALSE(closed_to_budgets(cfg.find_model("known")->deployments[0]));
  EXPECT_FALSE(closed_to_budgets(cfg.find_model("local")->deployments[0]));  // priced at zero
}

TEST(Unpriced, TheWarningNamesTheDeploymentAndTheFix) {
  const config cfg = sample_config();
  const auto unpriced = unpriced_deployments(cfg);
  ASSERT_EQ(unpriced.size(), 1u);
  EXPECT_EQ(unpriced[0]->id, "bare");
  const std::string warning = unpriced_warning(*unpriced[0]);
  EXPECT_NE(warning.find("bare (provider openai, model our-model)"), std::string::npos) << warning;
  EXPECT_NE(warning.find("allow_unpriced: true"), std::string::npos) << warning;
  EXPECT_EQ(warning.find("sk-test"), std::string::npos) << warning;
}

}  // namespace
}  // namespace keygate::unpriced_test
