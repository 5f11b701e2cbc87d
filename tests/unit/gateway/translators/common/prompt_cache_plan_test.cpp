#include "gateway/translators/common/prompt_cache_plan.hpp"

#include <gtest/gtest.h>

namespace keygate::prompt_cache::prompt_cache_plan_test {
namespace {

using indexes = std::vector<std::size_t>;

piece tools(std::int64_t tokens) {
  return {part::tools, false, tokens, true};
}
piece system_prompt(std::int64_t tokens) {
  return {part::system, false, tokens, true};
}
piece user(std::int64_t tokens, bool markable = true) {
  return {part::message, true, tokens, markable};
}
piece assistant(std::int64_t tokens) {
  return {part::message, false, tokens, true};
}

TEST(PromptCachePlan, MarksToolsSystemThePreviousUserTurnAndTheLastMessage) {
  EXPECT_EQ(
      choose_breakpoints({tools(600), system_prompt(600), user(10), assistant(10), user(10)}, 1024),
      (indexes{1, 2, 4}));  // the tools alone are too short to be cached
  EXPECT_EQ(
      choose_breakpoints({tools(2000), system_prompt(10), user(10), assistant(10), user(10)}, 1024),
      (indexes{0, 1, 2, 4}));
}

TEST(PromptCachePlan, NothingShorterThanTheMinimumAndNothingUnmarkable) {
  EXPECT_TRUE(choose_breakpoints({system_prompt(100), user(100)}, 1024).empty());
  EXPECT_EQ(
      choose_breakpoints({system_prompt(3000), user(10), assistant(10), user(10, false)}, 2048),
      (indexes{0, 1}));
  EXPECT_TRUE(choose_breakpoints({}, 1024).empty());
}

TEST(PromptCachePlan, ThePreviousUserTurnIsTheNearestBeforeTheLastMessage) {
  // user, assistant, assistant, user: the first user turn is the previous one.
  EXPECT_EQ(
      choose_breakpoints({system_prompt(2000), user(5), assistant(5), assistant(5), user(5)}, 1024),
      (indexes{0, 1, 4}));
  // A conversation of one message has no previous turn.
  EXPECT_EQ(choose_breakpoints({user(5000)}, 1024), (indexes{0}));
}

TEST(PromptCachePlan, TheModelDecidesTheMinimum) {
  EXPECT_EQ(min_cacheable_tokens("claude-sonnet-4-5"), 1024);
  EXPECT_EQ(min_cacheable_tokens("claude-3-5-haiku-20241022"), 2048);
  EXPECT_EQ(min_cacheable_tokens("claude-haiku-4-5"), 4096);
  EXPECT_EQ(min_cacheable_tokens("us.anthropic.claude-opus-4-5-20251101-v1:0"), 4096);
  EXPECT_EQ(min_cacheable_tokens("anthropic.claude-3-haiku-20240307-v1:0"), 2048);
}

}  // namespace
}  // namespace keygate::prompt_cache::prompt_cache_plan_test
