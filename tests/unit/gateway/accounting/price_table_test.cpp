#include "gateway/accounting/price_table.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gateway/config/config.hpp"

namespace keygate::price_table_test {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const price_table& table() {
  static const price_table t = price_table::parse(
      "providers:\n"
      "  openai:\n"
      "    models:\n"
      "      gpt-4o: {input: 2.5, output: 10, cached_input: 1.25, max_output_tokens: 16384}\n"
      "      gpt-4o-mini: {input: 0.15, output: 0.6}\n"
      "      gpt-4: {input: 30, output: 60}\n"
      "  azure:\n"
      "    inherit: openai\n"
      "    models:\n"
      "      my-gpt: {input: 1, output: 2}\n"
      "  anthropic:\n"
      "    models:\n"
      "      claude-opus-4: {input: 15, output: 75}\n"
      "      claude-opus-4-5: {input: 5, output: 25}\n"
      "  bedrock:\n"
      "    models:\n"
      "      anthropic.claude-sonnet-4-5: {input: 3, output: 15}\n"
      "  ollama:\n"
      "    default: {input: 0, output: 0}\n",
      "test.yaml");
  return t;
}

// The input price found, or -1 when nothing is.
double input_of(std::string_view provider, std::string_view model) {
  const token_prices* p = table().find(provider, model);
  return p ? p->input : -1;
}

TEST(PriceTableFind, ExactModel) {
  const token_prices* p = table().find("openai", "gpt-4o");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->input, 2.5);
  EXPECT_EQ(p->output, 10);
  EXPECT_EQ(p->cached_input, 1.25);
  EXPECT_EQ(p->max_output_tokens, 16384);
  EXPECT_FALSE(p->cache_write.has_value());
}

TEST(PriceTableFind, DatedSnapshotsResolveToTheirBase) {
  EXPECT_EQ(input_of("openai", "gpt-4o-2024-08-06"), 2.5);
  EXPECT_EQ(input_of("openai", "gpt-4o-mini-2024-07-18"), 0.15);
  EXPECT_EQ(input_of("openai", "gpt-4-0613"), 30);
  EXPECT_EQ(input_of("anthropic", "claude-opus-4-20250514"), 15);
  EXPECT_EQ(input_of("anthropic", "claude-opus-4-5-20251101"), 5);
  EXPECT_EQ(input_of("anthropic", "claude-opus-4-5@20251101"), 5);  // Vertex style
  EXPECT_EQ(input_of("openai", "gpt-4o:ft-acme"), 2.5);
}

TEST(PriceTableFind, TheLongestListedPrefixWins) {
  EXPECT_EQ(input_of("openai", "gpt-4o-mini"), 0.15);
  EXPECT_EQ(input_of("openai", "gpt-4o"), 2.5);
}

TEST(PriceTableFind, OnlyAtABoundary) {
  EXPECT_EQ(input_of("openai", "gpt-4omni"), -1);
  EXPECT_EQ(input_of("openai", "gpt-4o_2024"), -1);
  EXPECT_EQ(input_of("openai", "gpt"), -1);
  EXPECT_EQ(input_of("openai", "gpt-4o-min"), 2.5);  // "-min" reads as a variant of gpt-4o
}

TEST(PriceTableFind, ANewMinorVersionIsNotASnapshot) {
  EXPECT_EQ(input_of("anthropic", "claude-opus-4-7"), -1);
  EXPECT_EQ(input_of("anthropic", "claude-opus-4-7-20260101"), -1);
  EXPECT_EQ(input_of("openai", "gpt-4.1"), -1);
  EXPECT_EQ(input_of("openai", "gpt-4.5-preview"), -1);
  EXPECT_EQ(input_of("openai", "gpt-4-turbo"), 30);  // a name, not a number, after gpt-4
}

TEST(PriceTableFind, BedrockRegionPrefixes) {
  const std::string id = "anthropic.claude-sonnet-4-5-20250929-v1:0";
  EXPECT_EQ(input_of("bedrock", id), 3);
  for (const char* region : {"us.", "eu.", "apac.", "global.", "jp.", "us-gov."})
    EXPECT_EQ(input_of("bedrock", region + id), 3) << region;
  EXPECT_EQ(input_of("bedrock", "xx." + id), -1);
  EXPECT_EQ(input_of("bedrock", "us."), -1);
}

TEST(PriceTableFind, InheritedModelsAndOwnFirst) {
  EXPECT_EQ(input_of("azure", "gpt-4o-2024-08-06"), 2.5);
  EXPECT_EQ(input_of("azure", "my-gpt"), 1);
  EXPECT_EQ(input_of("openai", "my-gpt"), -1);  // inheritance goes one way
  EXPECT_EQ(input_of("azure", "my-other-deployment"), -1);
}

TEST(PriceTableFind, DefaultForAnyModelOfTheProvider) {
  const token_prices* p = table().find("ollama", "llama3.2:3b");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->input, 0);
  EXPECT_EQ(p->output, 0);
}

TEST(PriceTableFind, UnknownProviderOrModel) {
  EXPECT_EQ(table().find("openai", "no-such-model"), nullptr);
  EXPECT_EQ(table().find("openai_compatible", "gpt-4o"), nullptr);
  EXPECT_EQ(table().find("OpenAI", "gpt-4o"), nullptr);
  EXPECT_EQ(table().find("openai", ""), nullptr);
}

// The problems price_table::parse reports; fails the test when it accepts the text.
std::vector<std::string> problems_of(const std::string& yaml) {
  try {
    price_table::parse(yaml, "prices.yaml");
  } catch (const config_error& e) {
    return e.problems();
  }
  ADD_FAILURE() << "parse accepted:\n" << yaml;
  return {};
}

TEST(PriceTableParse, EveryProblemWithItsLine) {
  EXPECT_THAT(
      problems_of("providers:\n"
                  "  openai:\n"
                  "    models:\n"
                  "      a: {input: -1, output: 10}\n"
                  "      b: {output: 10}\n"
                  "      c: {input: 1, output: 2, colour: red}\n"
                  "      d: {input: abc, output: 1}\n"
                  "      e: {input: 1, output: 1, max_output_tokens: 0}\n"
                  "      f: {input: 1, output: .inf}\n"),
      ElementsAre("prices.yaml:4: providers.openai.models.a.input: must be a number from 0 to "
                  "1000000 (USD per million tokens)",
                  "prices.yaml:5: providers.openai.models.b.input: is required",
                  "prices.yaml:6: providers.openai.models.c.colour: unknown field",
                  "prices.yaml:7: providers.openai.models.d.input: must be a number",
                  "prices.yaml:8: providers.openai.models.e.max_output_tokens: must be at least 1",
                  "prices.yaml:9: providers.openai.models.f.output: must be a number from 0 to "
                  "1000000 (USD per million tokens)"));
}

TEST(PriceTableParse, ProviderLevelProblems) {
  const auto problems = problems_of(
      "providers:\n"
      "  azure:\n"
      "    inherit: nobody\n"
      "    modles: {}\n"
      "  gemini:\n"
      "    models: [gemini-2.5-pro]\n"
      "  x:\n"
      "    inherit: azure\n"
      "  y:\n"
      "    default: {input: 1}\n");
  EXPECT_THAT(problems,
              Contains("prices.yaml:3: providers.azure.inherit: unknown provider 'nobody'"));
  EXPECT_THAT(problems, Contains("prices.yaml:4: providers.azure.modles: unknown field"));
  EXPECT_THAT(problems,
              Contains("prices.yaml:6: providers.gemini.models: must be a mapping of model names"));
  EXPECT_THAT(problems, Contains("prices.yaml:8: providers.x.inherit: must name a provider "
                                 "without an inherit of its own"));
  EXPECT_THAT(problems, Contains("prices.yaml:10: providers.y.default.output: is required"));
}

TEST(PriceTableParse, AModelListedTwice) {
  EXPECT_THAT(problems_of("providers:\n"
                          "  openai:\n"
                          "    models:\n"
                          "      a: {input: 1, output: 2}\n"
                          "      a: {input: 3, output: 4}\n"),
              ElementsAre("prices.yaml:5: providers.openai.models.a: is listed twice"));
}

TEST(PriceTableParse, LongPromptNeedsItsThreshold) {
  EXPECT_THAT(
      problems_of("providers:\n"
                  "  xai:\n"
                  "    models:\n"
                  "      grok: {input: 1, output: 2,\n"
                  "             long_prompt: {input: 2, output: 4, above: 5}}\n"),
      ElementsAre("prices.yaml:5: providers.xai.models.grok.long_prompt.above: unknown field",
                  "prices.yaml:5: providers.xai.models.grok.long_prompt.above_tokens: is "
                  "required"));
}

TEST(PriceTableParse, BrokenYamlAndWrongShape) {
  EXPECT_THAT(problems_of("providers:\n  openai: {models: {a: [}\n"),
              ElementsAre(HasSubstr("prices.yaml:2:")));
  EXPECT_THAT(problems_of("- a\n"), ElementsAre("prices.yaml: the file must hold a mapping"));
  EXPECT_THAT(problems_of("providers: {}\n"),
              ElementsAre("prices.yaml:1: providers: must be a mapping of provider names"));
  EXPECT_THAT(problems_of("prices: {}\n"), Contains("prices.yaml:1: prices: unknown field"));
}

}  // namespace
}  // namespace keygate::price_table_test
