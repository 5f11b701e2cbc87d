// auto_cache on Anthropic and Bedrock Claude deployments, through the real keygate binary against
// the fake, which prices its prompt cache as Anthropic does: a long conversation's second turn
// reads what the first wrote, and keygate reports what that saved.
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
  // Bedrock's Claude, signed with AWS's documented example keys, which the fake knows.
  auto bedrock = [](const std::string& name, const std::string& extra) {
    return "  - name: " + name +
           "\n    provider: bedrock\n    model: \"anthropic.claude-sonnet-4-5-20250929-v1:0\"\n"
           "    api_base: FAKE_ROOT\n    region: us-east-1\n    aws_access_key_id: AKIDEXAMPLE\n"
           "    aws_secret_access_key: \"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\"\n" +
           extra;
  };
  return entry("claude-cached", "    auto_cache: true\n") + entry("claude-plain", "") +
         bedrock("bedrock-cached", "    auto_cache: true\n") + bedrock("bedrock-plain", "");
}

const std::string master = "master-key-for-prompt-cache-1";

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
  return http_call(port, "POST", "/v1/chat/completions", json::serialize(body), bearer(master));
}

std::int64_t cached_tokens(const http_reply& reply) {
  const auto parsed = json::parse(reply.body);
  const auto& usage = parsed.at("usage").as_object();
  const auto* details = usage.if_contains("prompt_tokens_details");
  return details ? details->at("cached_tokens").as_int64() : 0;
}

class PromptCache : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(models(), "auth:\n  master_key: " + master + "\n");
  }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;
};
gateway_fixture* PromptCache::env = nullptr;

// A long conversation's two turns on `cached` (auto_cache) and the second on `plain`; `opening`
// tells one run from another, so neither reads what the other wrote.
void second_turn_reads_the_first(const gateway_fixture& env, const std::string& cached,
                                 const std::string& plain, const std::string& opening) {
  json::array messages{turn("system", opening + long_policy()), turn("user", "First question?")};
  auto first = ask(env.port(), cached, messages);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(cached_tokens(first), 0);
  // The first turn writes the prefix: that costs a premium over plain input.
  const double first_saving = std::stod(first.header("x-keygate-prompt-cache-saved-usd"));
  EXPECT_LT(first_saving, 0);

  messages.push_back(turn("assistant", "First answer."));
  messages.push_back(turn("user", "Second question?"));
  auto second = ask(env.port(), cached, messages);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_GT(cached_tokens(second), 2700);  // the long system prompt (2,700 words), read
  const double second_saving = std::stod(second.header("x-keygate-prompt-cache-saved-usd"));
  EXPECT_GT(second_saving, -first_saving);  // one read more than pays for the write
  // Cheaper than the same turn without auto_cache.
  auto uncached = ask(env.port(), plain, messages);
  EXPECT_EQ(cached_tokens(uncached), 0);
  EXPECT_EQ(uncached.header("x-keygate-prompt-cache-saved-usd"), "");
  EXPECT_LT(std::stod(second.header("x-keygate-cost-usd")),
            std::stod(uncached.header("x-keygate-cost-usd")));

  const auto metrics = http_call(env.port(), "GET", "/metrics").body;
  EXPECT_NEAR(
      metric_sum(metrics, "keygate_prompt_cache_saved_usd_total", {{"deployment", cached}}) -
          metric_sum(metrics, "keygate_prompt_cache_write_premium_usd_total",
                     {{"deployment", cached}}),
      first_saving + second_saving, 1e-8);

  // The ledger keeps each request's net saving, and /admin/spend sums it.
  auto spend = http_call(env.port(), "GET", "/admin/spend?group_by=model&model=" + cached, "",
                         bearer(master));
  ASSERT_EQ(spend.status, 200) << spend.body;
  const auto rows = json::parse(spend.body).at("data").as_array();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("cache_hits").as_int64(), 0);  // no answer came from the response cache
  EXPECT_NEAR(rows[0].at("saved_usd").to_number<double>(), first_saving + second_saving, 1e-8);
}

TEST_F(PromptCache, ASecondTurnReadsWhatTheFirstWroteAndTheSavingIsReported) {
  second_turn_reads_the_first(*env, "claude-cached", "claude-plain", "Anthropic. ");
}

// The same on Bedrock's Claude: cachePoint blocks up, cacheReadInputTokens and
// cacheWriteInputTokens back, priced at Bedrock's cache prices.
TEST_F(PromptCache, BedrockClaudeReadsWhatTheFirstTurnWroteAndTheSavingIsReported) {
  second_turn_reads_the_first(*env, "bedrock-cached", "bedrock-plain", "Bedrock. ");
  const auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  EXPECT_EQ(json::serialize(sent).find("cachePoint"), std::string::npos)  // the plain one's
      << json::serialize(sent);
  json::array messages{turn("system", "Bedrock. " + long_policy()), turn("user", "Again?")};
  ASSERT_EQ(ask(env->port(), "bedrock-cached", messages).status, 200);
  const auto marked = http_call(env->fake.port(), "GET", "/fake/last-request").body;
  EXPECT_NE(marked.find(R"({"cachePoint":{"type":"default"}})"), std::string::npos) << marked;
}

}  // namespace
}  // namespace keygate::testing::prompt_cache_test
