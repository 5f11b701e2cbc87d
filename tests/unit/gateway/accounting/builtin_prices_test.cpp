// The shipped data/prices.yaml: it is built in, it loads, and it prices every provider.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>

#include "gateway/accounting/price_table.hpp"

namespace keygate {
std::string_view builtin_prices_yaml();  // generated from data/prices.yaml at build time
}  // namespace keygate

namespace keygate::builtin_prices_test {
namespace {

TEST(BuiltinPrices, IsTheFileAsItIsNow) {
  std::ifstream in(KEYGATE_SOURCE_DIR "/data/prices.yaml");
  ASSERT_TRUE(in);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(builtin_prices_yaml(), text.str());
}

TEST(BuiltinPrices, PricesAModelOfEveryProvider) {
  const price_table& table = price_table::builtin();
  const std::pair<const char*, const char*> samples[] = {
      {"openai", "gpt-4o-2024-08-06"},
      {"azure", "gpt-4.1-mini"},
      {"anthropic", "claude-sonnet-4-5-20250929"},
      {"gemini", "gemini-2.5-flash"},
      {"mistral", "mistral-large-latest"},
      {"cohere", "command-r-08-2024"},
      {"bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"},
      {"bedrock", "amazon.nova-pro-v1:0"},
      {"bedrock", "meta.llama3-3-70b-instruct-v1:0"},
      {"groq", "llama-3.3-70b-versatile"},
      {"deepseek", "deepseek-chat"},
      {"xai", "grok-4-0709"},
      {"together", "meta-llama/Llama-3.3-70B-Instruct-Turbo"},
      {"fireworks", "accounts/fireworks/models/llama-v3p3-70b-instruct"},
      {"perplexity", "sonar-pro"},
      {"openrouter", "openai/gpt-4o"},
      {"ollama", "llama3.2"},
  };
  for (const auto& [provider, model] : samples) {
    const token_prices* p = table.find(provider, model);
    ASSERT_NE(p, nullptr) << provider << " " << model;
    if (std::string(provider) != "ollama") {
      EXPECT_GT(p->output, 0) << provider << " " << model;
    }
  }
  std::map<std::string, int> counts;
  table.for_each([&](const std::string& provider, const std::string&, const token_prices&) {
    ++counts[provider];
  });
  for (const auto& provider : table.providers())
    if (provider != "azure" && provider != "ollama" && provider != "mock") {
      EXPECT_GT(counts[provider], 0) << provider;
    }
}

TEST(BuiltinPrices, SpotChecks) {
  const price_table& table = price_table::builtin();
  const token_prices* gpt_4o = table.find("openai", "gpt-4o-2024-08-06");
  ASSERT_NE(gpt_4o, nullptr);
  EXPECT_EQ(gpt_4o->input, 2.5);
  EXPECT_EQ(gpt_4o->output, 10);
  EXPECT_EQ(gpt_4o->cached_input, 1.25);
  // The first gpt-4o snapshot kept its own, higher price.
  EXPECT_EQ(table.find("openai", "gpt-4o-2024-05-13")->input, 5);
  EXPECT_EQ(table.find("openai", "gpt-4o-mini-2024-07-18")->input, 0.15);
  const token_prices* sonnet =
      table.find("bedrock", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0");
  ASSERT_NE(sonnet, nullptr);
  EXPECT_EQ(sonnet->cache_write, 3.75);
  // 1000 prompt tokens, 200 of them cache reads, 100 written; 500 out.
  EXPECT_EQ(cost_nanos({1000, 500, 200, 100, 0, true}, *sonnet), 10'035'000);
  EXPECT_EQ(cost_nanos({5000, 5000, 0, 0, 0, true}, *table.find("mock", "mock-gpt")), 0);
}

// Catches a price typed into the wrong field: caches read for less than input and are written
// for at least input, output costs no less than input (embeddings have no output), and a long
// prompt never costs less.
TEST(BuiltinPrices, EveryEntryIsConsistent) {
  int checked = 0;
  price_table::builtin().for_each(
      [&](const std::string& provider, const std::string& model, const token_prices& p) {
        const std::string name = provider + " " + model;
        ++checked;
        if (p.cached_input) {
          EXPECT_LT(*p.cached_input, p.input) << name;
        }
        if (p.cache_write) {
          EXPECT_GE(*p.cache_write, p.input) << name;
        }
        if (p.output != 0) {
          EXPECT_GE(p.output, p.input) << name;
        }
        if (p.max_output_tokens) {
          EXPECT_GE(*p.max_output_tokens, 4096) << name;
        }
        if (p.long_prompt) {
          EXPECT_GE(p.long_prompt->input, p.input) << name;
          EXPECT_GE(p.long_prompt->output, p.output) << name;
        }
      });
  EXPECT_GT(checked, 150);
}

}  // namespace
}  // namespace keygate::builtin_prices_test
