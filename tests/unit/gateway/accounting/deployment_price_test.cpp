#include "gateway/accounting/deployment_price.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateway/accounting/price_table.hpp"
#include "gateway/config/config.hpp"
#include "tests/unit/gateway/config/config_problems.hpp"

namespace keygate::deployment_price_test {
namespace {

using ::testing::ElementsAre;

using config_testing::problems_of;

TEST(DeploymentPrice, EveryFieldOfAnOverride) {
  const config cfg = parse_config(
      "models:\n"
      "  - name: gpt\n"
      "    deployments:\n"
      "      - provider: openai\n"
      "        model: gpt-4o\n"
      "        api_key: sk-test\n"
      "        price: {input: 2.5, output: 10, cached_input: 1.25, cache_write: 3.125,\n"
      "                reasoning: 12, max_output_tokens: 4096,\n"
      "                long_prompt: {above_tokens: 200000, input: 5, output: 20}}\n"
      "      - provider: openai\n"
      "        model: gpt-4o\n"
      "        api_key: sk-test\n",
      "test.yaml");
  const auto& deployments = cfg.find_model("gpt")->deployments;
  ASSERT_TRUE(deployments[0].price.has_value());
  const token_prices& p = *deployments[0].price;
  EXPECT_EQ(p.input, 2.5);
  EXPECT_EQ(p.output, 10);
  EXPECT_EQ(p.cached_input, 1.25);
  EXPECT_EQ(p.cache_write, 3.125);
  EXPECT_EQ(p.reasoning, 12);
  EXPECT_EQ(p.max_output_tokens, 4096);
  ASSERT_TRUE(p.long_prompt.has_value());
  EXPECT_EQ(p.long_prompt->above_tokens, 200000);
  EXPECT_EQ(p.long_prompt->input, 5);
  EXPECT_EQ(p.long_prompt->output, 20);
  EXPECT_FALSE(p.long_prompt->cached_input.has_value());
  EXPECT_FALSE(deployments[1].price.has_value());
}

TEST(DeploymentPrice, ShorthandAndLocalProvidersTakeAPriceToo) {
  const config cfg = parse_config(
      "models:\n"
      "  - name: echo\n"
      "    provider: mock\n"
      "    price: {input: 0, output: 1}\n",
      "test.yaml");
  const auto& d = cfg.find_model("echo")->deployments.at(0);
  ASSERT_TRUE(d.price.has_value());
  EXPECT_EQ(d.price->input, 0);
  EXPECT_EQ(d.price->output, 1);
  EXPECT_FALSE(d.price->cached_input.has_value());
}

TEST(DeploymentPrice, PricesPerUnitNeedNoTokenPrices) {
  const config cfg = parse_config(
      "models:\n"
      "  - name: hd-images\n"
      "    provider: openai\n"
      "    model: dall-e-3\n"
      "    api_key: sk-test\n"
      "    price: {per_image: 0.08}\n"
      "  - name: speech\n"
      "    provider: openai\n"
      "    model: tts-1\n"
      "    api_key: sk-test\n"
      "    price: {per_million_characters: 15, per_audio_second: 0.0001,\n"
      "            per_thousand_search_units: 2}\n",
      "test.yaml");
  const auto& images = *cfg.find_model("hd-images")->deployments.at(0).price;
  EXPECT_EQ(images.per_image, 0.08);
  EXPECT_EQ(images.input, 0);
  EXPECT_EQ(images.output, 0);
  const auto& speech = *cfg.find_model("speech")->deployments.at(0).price;
  EXPECT_DOUBLE_EQ(speech.per_character.value_or(0), 15e-6);
  EXPECT_DOUBLE_EQ(speech.per_audio_second.value_or(0), 0.0001);
  EXPECT_DOUBLE_EQ(speech.per_search_unit.value_or(0), 0.002);
  EXPECT_FALSE(speech.per_image.has_value());
}

TEST(DeploymentPrice, BuiltInUnitPrices) {
  const auto& table = price_table::builtin();
  ASSERT_NE(table.find("openai", "dall-e-3"), nullptr);
  EXPECT_EQ(table.find("openai", "dall-e-3")->per_image, 0.04);
  EXPECT_EQ(table.find("azure", "dall-e-3")->per_image, 0.04);
  EXPECT_DOUBLE_EQ(table.find("openai", "whisper-1")->per_audio_second.value_or(0), 0.0001);
  EXPECT_DOUBLE_EQ(table.find("openai", "tts-1-hd")->per_character.value_or(0), 30e-6);
  EXPECT_DOUBLE_EQ(table.find("cohere", "rerank-v3.5")->per_search_unit.value_or(0), 0.002);
}

TEST(DeploymentPrice, ProblemsWithTheirLines) {
  EXPECT_THAT(problems_of("models:\n"
                          "  - name: a\n"
                          "    provider: mock\n"
                          "    price: {input: -2, output: 1, cached: 1}\n"
                          "  - name: b\n"
                          "    provider: mock\n"
                          "    price: {input: 1}\n"
                          "  - name: c\n"
                          "    provider: mock\n"
                          "    price: 5\n"
                          "  - name: d\n"
                          "    provider: mock\n"
                          "    price: {input: 1, output: lots}\n"),
              ElementsAre("test.yaml:4: models[0].price.cached: unknown field",
                          "test.yaml:4: models[0].price.input: must be a number from 0 to 1000000 "
                          "(USD per million tokens)",
                          "test.yaml:7: models[1].price.output: is required",
                          "test.yaml:10: models[2].price: must be a mapping with input and output",
                          "test.yaml:13: models[3].price.output: must be a number"));
}

TEST(DeploymentPrice, InADeploymentsList) {
  EXPECT_THAT(problems_of("models:\n"
                          "  - name: a\n"
                          "    deployments:\n"
                          "      - provider: mock\n"
                          "        price: {input: 1, output: 1, max_output_tokens: -3}\n"),
              ElementsAre("test.yaml:5: models[0].deployments[0].price.max_output_tokens: must be "
                          "at least 1"));
}

TEST(DeploymentPrice, LiteLlmCustomPricingPerToken) {
  const config cfg = parse_config(R"(model_list:
  - model_name: tuned
    litellm_params:
      model: openai/ft:gpt-4o:acme
      api_key: k
      input_cost_per_token: 0.0000025
      output_cost_per_token: 0.00001
      cache_read_input_token_cost: 0.00000125
  - model_name: plain
    litellm_params: {model: openai/gpt-4o, api_key: k}
)",
                                  "litellm.yaml");
  EXPECT_TRUE(cfg.notices.empty());
  const auto& d = cfg.find_model("tuned")->deployments.at(0);
  ASSERT_TRUE(d.price.has_value());
  // Per token, as LiteLLM writes it, becomes per million; costs come out exact.
  EXPECT_EQ(cost_nanos({1000, 500, 400, 0, 0, true}, *d.price), 7'000'000);
  EXPECT_FALSE(d.price->cache_write.has_value());
  EXPECT_FALSE(cfg.find_model("plain")->deployments.at(0).price.has_value());
  EXPECT_THAT(problems_of("model_list:\n"
                          "  - model_name: m\n"
                          "    litellm_params:\n"
                          "      model: openai/gpt-4o\n"
                          "      api_key: k\n"
                          "      input_cost_per_token: 2\n"
                          "  - model_name: n\n"
                          "    litellm_params:\n"
                          "      model: openai/gpt-4o\n"
                          "      api_key: k\n"
                          "      cache_read_input_token_cost: 0.000001\n"),
              ElementsAre("test.yaml:4: model_list[0].litellm_params.output_cost_per_token: is "
                          "required with the other *_cost_per_token",
                          "test.yaml:6: model_list[0].litellm_params.input_cost_per_token: must "
                          "be a number from 0 to 1 (USD per token)",
                          "test.yaml:11: model_list[1].litellm_params.cache_read_input_token_cost: "
                          "needs input_cost_per_token and output_cost_per_token"));
}

TEST(PriceFor, TheOverrideWinsElseTheBuiltInTable) {
  deployment d;
  d.provider = "openai";
  d.model = "gpt-4o-2024-08-06";
  const token_prices* builtin = price_for(d);
  ASSERT_NE(builtin, nullptr);
  EXPECT_EQ(builtin, price_table::builtin().find("openai", "gpt-4o"));
  d.price = token_prices{.input = 1, .output = 2};
  ASSERT_NE(price_for(d), nullptr);
  EXPECT_EQ(price_for(d)->input, 1);
  EXPECT_EQ(price_for(d), &*d.price);
}

TEST(PriceFor, UnknownModelsHaveNoPrice) {
  deployment d;
  d.provider = "openai_compatible";
  d.model = "llama3";
  EXPECT_EQ(price_for(d), nullptr);
  d.provider = "openai";
  d.model = "my-fine-tune";
  EXPECT_EQ(price_for(d), nullptr);
}

TEST(PriceFor, AnUnpricedModelIsSearchedOnceAndANewOverrideTableIsSearchedAgain) {
  deployment d;
  d.provider = "openai";
  d.model = "house-model-2025-01-01";
  EXPECT_EQ(price_for(d), nullptr);
  EXPECT_EQ(d.found_price.find(price_table::overrides()),
            std::optional<const token_prices*>(nullptr));
  EXPECT_EQ(price_for(d), nullptr);

  price_table::set_overrides(std::make_shared<const price_table>(price_table::parse(
      "providers:\n  openai:\n    models:\n      house-model: {input: 3, output: 4}\n",
      "prices.yaml")));
  const token_prices* priced = price_for(d);
  price_table::set_overrides(nullptr);
  ASSERT_NE(priced, nullptr);
  EXPECT_EQ(priced->input, 3);
  EXPECT_EQ(price_for(d), nullptr);  // back to the built-in table alone
}

TEST(PriceFor, ACopyOfADeploymentKeepsNoAnswerOfItsOriginal) {
  deployment d;
  d.provider = "openai";
  d.model = "gpt-4o";
  ASSERT_NE(price_for(d), nullptr);
  deployment copy = d;
  EXPECT_FALSE(copy.found_price.find(price_table::overrides()).has_value());
  copy.model = "unknown-model";
  EXPECT_EQ(price_for(copy), nullptr);
  EXPECT_NE(price_for(d), nullptr);
}

}  // namespace
}  // namespace keygate::deployment_price_test
