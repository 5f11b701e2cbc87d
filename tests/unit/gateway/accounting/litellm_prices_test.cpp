#include "gateway/accounting/litellm_prices.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace keygate::litellm_prices_test {
namespace {

const char* sample = R"({
  "sample_spec": {"input_cost_per_token": 0},
  "gpt-4o": {"litellm_provider": "openai", "mode": "chat",
             "input_cost_per_token": 2.75e-06, "output_cost_per_token": 1.1e-05,
             "cache_read_input_token_cost": 1.375e-06, "max_output_tokens": 16384},
  "our-new-model": {"litellm_provider": "openai", "input_cost_per_token": 1e-07,
                    "output_cost_per_token": 4e-07},
  "groq/llama-3.1-8b-instant": {"litellm_provider": "groq", "input_cost_per_token": 5e-08,
                                "output_cost_per_token": 8e-08},
  "vertex_ai/gemini-pro": {"litellm_provider": "vertex_ai-language-models",
                           "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06},
  "dall-e-3": {"litellm_provider": "openai", "mode": "image_generation"}
})";

price_table table_of(const std::string& yaml) {
  return price_table::parse(yaml, "built.yaml");
}

TEST(LitellmPrices, NewAndChangedModelsGoInAFileKeygateLoads) {
  const auto builtin = table_of(
      "providers:\n"
      "  openai:\n    models:\n      gpt-4o: {input: 2.5, output: 10, cached_input: 1.25}\n"
      "  groq:\n    models:\n      llama-3.1-8b-instant: {input: 0.05, output: 0.08}\n");
  const auto imported = import_litellm_prices(sample, builtin, "2026-12-07", "prices.json");
  ASSERT_EQ(imported.changes.size(), 2u);
  EXPECT_EQ(imported.changes[0],
            "changed: openai gpt-4o {input: 2.5, output: 10, cached_input: 1.25} -> {input: 2.75, "
            "output: 11, cached_input: 1.375, max_output_tokens: 16384}");
  EXPECT_EQ(imported.changes[1], "new: openai our-new-model {input: 0.1, output: 0.4}");
  EXPECT_EQ(imported.unchanged, 1u);  // groq's, once its provider prefix is taken off
  EXPECT_EQ(imported.skipped, 3u);    // sample_spec, vertex_ai, the image model without prices
  EXPECT_NE(imported.yaml.find("checked: \"2026-12-07\""), std::string::npos);

  const auto overrides = table_of(imported.yaml);
  const auto* gpt = overrides.find("openai", "gpt-4o-2024-08-06");
  ASSERT_NE(gpt, nullptr);
  EXPECT_EQ(gpt->input, 2.75);
  EXPECT_EQ(gpt->cached_input, 1.375);
  EXPECT_EQ(overrides.find("groq", "llama-3.1-8b-instant"), nullptr);  // unchanged: not listed
}

TEST(LitellmPrices, TextThatIsNotAnObjectIsRefused) {
  const auto builtin =
      table_of("providers:\n  openai:\n    models:\n      x: {input: 1, output: 1}\n");
  EXPECT_THROW(import_litellm_prices("[1,2]", builtin, "2026-12-07", "bad.json"),
               std::runtime_error);
  EXPECT_THROW(import_litellm_prices("{", builtin, "2026-12-07", "bad.json"), std::runtime_error);
}

}  // namespace
}  // namespace keygate::litellm_prices_test
