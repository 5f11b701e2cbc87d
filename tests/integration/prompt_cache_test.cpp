// auto_cache on an Anthropic deployment, through the real keygate binary against the fake, which
// prices its prompt cache as Anthropic does: a long conversation's second turn reads what the
// first wrote, and keygate reports what that saved.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "harness.hpp"
#include "metrics_text.hpp"

namespace keygate::testing::prompt_cache_test {
namespace {

namespace json = boost::json;

std::string models() {
  auto entry = [](const std::string& name, const std::string& extra) {
    return "  - name: " + name +
           "\n    provider: anthropic\n    model: claude-sonnet-4-5\n    api_base: FAKE\n"
           "    api_key: test-key\n" +
           extra;
  };
  return entry("claude-cached", "    auto_cache: true\n") + entry("claude-plain", "");
}

std::string long_policy() {
  std::string text;
  for (int i = 0; i < 300; ++i)
    text += "Rule " + std::to_string(i) + ": answer plainly and cite the handbook section. ";
  return text;
}

json::object turn(const std::string& role, const std::string& content) {
  return {{"role", role}, {"content", content}};
}

http_reply ask(unsigned short port, const std::string& model, const json::array& messages) {
  const json::object body{{"model", model}, {"max_tokens", 50}, {"messages", messages}};
  return post_json(port, "/v1/chat/completions", json::serialize(body));
}

std::int64_t cached_tokens(const http_reply& reply) {
  const auto parsed = json::parse(reply.body);
  const auto& usage = parsed.at("usage").as_object();
  const auto* details = usage.if_contains("prompt_tokens_details");
  return details ? details->at("cached_tokens").as_int64() : 0;
}

TEST(PromptCache, ASecondTurnReadsWhatTheFirstWroteAndTheSavingIsReported) {
  gateway_fixture env(models());
  json::array messages{turn("system", long_policy()), turn("user", "First question?")};
  auto first = ask(env.port(), "claude-cached", messages);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(cached_tokens(first), 0);
  // The first turn writes the prefix: that costs a premium over plain input.
  const double first_saving = std::stod(first.header("x-keygate-prompt-cache-saved-usd"));
  EXPECT_LT(first_saving, 0);

  messages.push_back(turn("assistant", "First answer."));
  messages.push_back(turn("user", "Second question?"));
  auto second = ask(env.port(), "claude-cached", messages);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_GT(cached_tokens(second), 2700);  // the long system prompt (2,700 words), read
  const double second_saving = std::stod(second.header("x-keygate-prompt-cache-saved-usd"));
  EXPECT_GT(second_saving, -first_saving);  // one read more than pays for the write
  // Cheaper than the same turn without auto_cache.
  auto plain = ask(env.port(), "claude-plain", messages);
  EXPECT_EQ(cached_tokens(plain), 0);
  EXPECT_EQ(plain.header("x-keygate-prompt-cache-saved-usd"), "");
  EXPECT_LT(std::stod(second.header("x-keygate-cost-usd")),
            std::stod(plain.header("x-keygate-cost-usd")));

  const auto metrics = http_call(env.port(), "GET", "/metrics").body;
  EXPECT_NEAR(metric_sum(metrics, "keygate_prompt_cache_saved_usd_total",
                         {{"deployment", "claude-cached"}}) -
                  metric_sum(metrics, "keygate_prompt_cache_write_premium_usd_total",
                             {{"deployment", "claude-cached"}}),
              first_saving + second_saving, 1e-8);
}

}  // namespace
}  // namespace keygate::testing::prompt_cache_test
