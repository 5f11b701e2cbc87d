// Virtual keys, the admin API, rate limits, budgets and cost, through the real keygate binary.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::access_test {
namespace {

namespace json = boost::json;

const std::string master = "master-key-for-tests-0001";
const std::string priced = "    price: {input: 1000, output: 2000}\n";

std::string models() {
  return model_entry("chat", "fake-gpt@tokens=5", priced) + model_entry("other", "fake-gpt") +
         model_entry("unpriced", "fake-gpt") + "  - name: mock\n    provider: mock\n" +
         model_entry("single", "fake-gpt", "    rpm: 1\n") +
         model_entry("spare", "fake-gpt", priced) +
         model_entry("allowed-unpriced", "fake-gpt", "    allow_unpriced: true\n") +
         model_entry("falls-to-unpriced", "fake-gpt", priced + "    fallbacks: [unpriced]\n") +
         "  - name: spill\n    strategy: priority\n    deployments:\n"
         "      - {name: small, priority: 0, rpm: 2, provider: openai, model: fake-gpt,"
         " api_base: FAKE, api_key: test-key}\n"
         "      - {name: big, priority: 1, provider: openai, model: fake-gpt,"
         " api_base: FAKE, api_key: test-key}\n";
}

std::string access_yaml() {
  return "auth:\n"
         "  master_key: " +
         master +
         "\n"
         "  teams:\n"
         "    - id: small-team\n"
         "      budget: {usd: 1000}\n"
         "  keys:\n"
         "    - {id: alice, key: sk-alice-0001, models: [chat, unpriced]}\n"
         "    - {id: open, key: sk-open-0001}\n"
         "    - {id: budgeted, key: sk-budgeted-0001, budget: {usd: 1000}}\n"
         "    - {id: limited, key: sk-limited-0001, rpm: 3}\n"
         "    - {id: tokens, key: sk-tokens-0001, tpm: 200}\n"
         "    - {id: teamed, key: sk-teamed-0001, team: small-team, model_limits: {chat: {rpm: "
         "2}}}\n";
}

std::string error_code(const http_reply& reply) {
  auto parsed = json::parse(reply.body);
  auto& error = parsed.at("error").as_object();
  EXPECT_TRUE(error.contains("message") && error.contains("type") && error.contains("param"));
  return error.at("code").is_string() ? std::string(error.at("code").as_string()) : "";
}

class Access : public ::testing::Test {
 public:
  static void SetUpTestSuite() { env = new gateway_fixture(models(), access_yaml()); }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;
  static unsigned short port() { return env->port(); }
};
gateway_fixture* Access::env = nullptr;

TEST_F(Access, RequestsWithoutAGoodKeyAreRefused) {
  auto none = post_json(port(), "/v1/chat/completions", chat_body("chat"));
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(error_code(none), "missing_api_key");
  auto wrong = chat(port(), "sk-not-a-key", "chat");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(error_code(wrong), "invalid_api_key");
  EXPECT_EQ(wrong.body.find("sk-not-a-key"), std::string::npos);
  // Anthropic-style clients send x-api-key.
  auto anthropic_style = http_call(port(), "POST", "/v1/chat/completions", chat_body("chat"),
                                   {{"x-api-key", "sk-alice-0001"}});
  EXPECT_EQ(anthropic_style.status, 200);
  EXPECT_EQ(http_call(port(), "GET", "/health").status, 200);  // health needs no key
}

TEST_F(Access, AKeySeesAndUsesOnlyItsModels) {
  auto list = http_call(port(), "GET", "/v1/models", "", bearer("sk-alice-0001"));
  ASSERT_EQ(list.status, 200);
  auto data = json::parse(list.body).at("data").as_array();
  ASSERT_EQ(data.size(), 2u);
  EXPECT_EQ(data[0].at("id"), "chat");
  auto refused = chat(port(), "sk-alice-0001", "other");
  EXPECT_EQ(refused.status, 404);
  EXPECT_EQ(error_code(refused), "model_not_found");
  EXPECT_EQ(chat(port(), "sk-open-0001", "other").status, 200);  // no list: every model
}

TEST_F(Access, RpmIsExactAndRefusalsLookLikeOpenAIs) {
  for (int i = 0; i < 3; ++i) {
    auto ok = chat(port(), "sk-limited-0001", "other");
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.header("x-ratelimit-limit-requests"), "3");
    EXPECT_EQ(ok.header("x-ratelimit-remaining-requests"), std::to_string(2 - i));
    EXPECT_FALSE(ok.header("x-ratelimit-reset-requests").empty());
  }
  auto refused = chat(port(), "sk-limited-0001", "other");
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(error_code(refused), "rate_limit_exceeded");
  EXPECT_EQ(json::parse(refused.body).at("error").at("type"), "requests");
  EXPECT_GE(std::stoi(refused.header("retry-after")), 19);  // one request per 20 s
  EXPECT_EQ(refused.header("x-ratelimit-remaining-requests"), "0");
}

TEST_F(Access, TokensPerMinuteCountTheRealUsage) {
  // Admission takes an estimate (a quarter of the body's bytes, some 25 tokens here); settlement
  // puts back what the answer did not use, so the key gets 200 real tokens a minute.
  int admitted = 0;
  std::int64_t used = 0;
  std::string last;
  for (int i = 0; i < 60; ++i) {
    auto reply = chat(port(), "sk-tokens-0001", "chat");
    if (reply.status == 200)
      used += json::parse(reply.body).at("usage").at("total_tokens").as_int64();
    if (reply.status != 200) {
      last = reply.body;
      EXPECT_EQ(reply.status, 429);
      EXPECT_EQ(json::parse(reply.body).at("error").at("type"), "tokens");
      EXPECT_FALSE(reply.header("x-ratelimit-remaining-tokens").empty());
      break;
    }
    ++admitted;
  }
  EXPECT_LE(used, 200) << last;
  EXPECT_GE(used, 200 - 2 * 25) << last;
  EXPECT_GT(admitted, 200 / 25) << "settlement gave nothing back";
}

TEST_F(Access, PerModelLimitsAddToTheKeys) {
  EXPECT_EQ(chat(port(), "sk-teamed-0001", "chat").status, 200);
  EXPECT_EQ(chat(port(), "sk-teamed-0001", "chat").status, 200);
  EXPECT_EQ(chat(port(), "sk-teamed-0001", "chat").status, 429);
  EXPECT_EQ(chat(port(), "sk-teamed-0001", "spare").status, 200);
}

TEST_F(Access, AFullDeploymentIsPassedOverThenRefusedWithAWait) {
  std::vector<std::string> served;
  for (int i = 0; i < 4; ++i) {
    auto reply = chat(port(), "sk-open-0001", "spill");
    ASSERT_EQ(reply.status, 200) << reply.body;
    served.push_back(reply.header("x-keygate-deployment"));
  }
  EXPECT_EQ(served, (std::vector<std::string>{"small", "small", "big", "big"}));
  EXPECT_EQ(chat(port(), "sk-open-0001", "single").status, 200);
  auto full = chat(port(), "sk-open-0001", "single");
  EXPECT_EQ(full.status, 429);
  EXPECT_EQ(error_code(full), "rate_limit_exceeded");
  EXPECT_GE(std::stoi(full.header("retry-after")), 59);
  EXPECT_EQ(full.header("x-keygate-attempts"), "");  // nothing was sent upstream
}

TEST_F(Access, EveryAnswerTellsItsCost) {
  auto whole = chat(port(), "sk-alice-0001", "chat");
  ASSERT_EQ(whole.status, 200);
  auto usage = json::parse(whole.body).at("usage").as_object();
  const double expected = (usage.at("prompt_tokens").as_int64() * 1000.0 +
                           usage.at("completion_tokens").as_int64() * 2000.0) /
                          1e6;
  EXPECT_DOUBLE_EQ(std::stod(whole.header("x-keygate-cost-usd")), expected);

  auto stream =
      chat(port(), "sk-alice-0001", "chat", true, R"(,"stream_options":{"include_usage":true})");
  ASSERT_EQ(stream.status, 200);
  auto events = sse_data(stream.body);
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events.back(), "[DONE]");
  auto final_usage = json::parse(events[events.size() - 2]).at("usage").as_object();
  EXPECT_DOUBLE_EQ(final_usage.at("cost_usd").to_number<double>(), expected);

  // The built-in mock costs nothing, and says so.
  auto mock = chat(port(), "sk-open-0001", "mock");
  EXPECT_EQ(mock.header("x-keygate-cost-usd"), "0.0");

  auto unpriced = chat(port(), "sk-alice-0001", "unpriced");
  EXPECT_EQ(unpriced.status, 200);
  EXPECT_EQ(unpriced.header("x-keygate-cost-usd"), "");
}

// A cost keygate cannot know could never count against a budget, so a budgeted key or team is
// refused any model that may reach such a deployment, with a clear error; everyone else is not.
TEST_F(Access, UnpricedModelsAreRefusedToBudgetedKeysOnly) {
  for (const std::string secret : {"sk-budgeted-0001", "sk-teamed-0001"}) {
    auto refused = chat(port(), secret, "unpriced");
    EXPECT_EQ(refused.status, 400) << secret;
    EXPECT_EQ(error_code(refused), "model_unpriced") << refused.body;
    EXPECT_NE(refused.body.find("'unpriced'"), std::string::npos) << refused.body;
    EXPECT_NE(refused.body.find("allow_unpriced"), std::string::npos) << refused.body;
    // A priced model whose fallback is unpriced could still spend uncounted.
    EXPECT_EQ(error_code(chat(port(), secret, "falls-to-unpriced")), "model_unpriced");
    EXPECT_EQ(chat(port(), secret, "spare").status, 200);
    EXPECT_EQ(chat(port(), secret, "allowed-unpriced").status, 200);
  }
  EXPECT_EQ(chat(port(), "sk-open-0001", "unpriced").status, 200);
  EXPECT_EQ(chat(port(), "sk-open-0001", "falls-to-unpriced").status, 200);
}

TEST_F(Access, AdminApiNeedsTheMasterKey) {
  EXPECT_EQ(http_call(port(), "GET", "/admin/keys").status, 401);
  EXPECT_EQ(http_call(port(), "GET", "/admin/keys", "", bearer("sk-alice-0001")).status, 403);
  EXPECT_EQ(http_call(port(), "GET", "/admin/keys", "", bearer(master)).status, 200);
}

TEST_F(Access, KeysAreMadeShownOnceChangedAndRevoked) {
  auto made =
      http_call(port(), "POST", "/admin/keys",
                R"({"alias":"ci","models":["chat"],"rpm":100,"budget":{"usd":5,"period":"daily"}})",
                bearer(master));
  ASSERT_EQ(made.status, 201) << made.body;
  auto key = json::parse(made.body).as_object();
  const std::string secret(key.at("key").as_string());
  const std::string id(key.at("id").as_string());
  EXPECT_TRUE(secret.starts_with("sk-kg-"));
  EXPECT_EQ(key.at("budget").at("period"), "daily");
  EXPECT_EQ(chat(port(), secret, "chat").status, 200);

  auto listed = http_call(port(), "GET", "/admin/keys", "", bearer(master));
  EXPECT_EQ(listed.body.find(secret), std::string::npos);
  EXPECT_EQ(listed.body.find("sha256"), std::string::npos);
  EXPECT_NE(listed.body.find(id), std::string::npos);

  auto changed =
      http_call(port(), "PATCH", "/admin/keys/" + id, R"({"models":["spare"]})", bearer(master));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(chat(port(), secret, "chat").status, 404);
  EXPECT_EQ(chat(port(), secret, "spare").status, 200);

  auto bad = http_call(port(), "PATCH", "/admin/keys/" + id, R"({"rpm":-1})", bearer(master));
  EXPECT_EQ(bad.status, 400);
  // A budget's amount and period change separately; a new budget needs its amount.
  ASSERT_EQ(
      http_call(port(), "PATCH", "/admin/keys/" + id, R"({"budget":null})", bearer(master)).status,
      200);
  EXPECT_EQ(http_call(port(), "PATCH", "/admin/keys/" + id, R"({"budget":{"period":"daily"}})",
                      bearer(master))
                .status,
            400);
  ASSERT_EQ(http_call(port(), "PATCH", "/admin/keys/" + id,
                      R"({"budget":{"usd":5,"period":"weekly"}})", bearer(master))
                .status,
            200);
  auto budget = json::parse(http_call(port(), "PATCH", "/admin/keys/" + id,
                                      R"({"budget":{"usd":8}})", bearer(master))
                                .body)
                    .at("budget");
  EXPECT_EQ(budget.at("period"), "weekly") << budget;
  EXPECT_EQ(budget.at("usd").to_number<double>(), 8) << budget;
  for (const char* amount : {"-1", "1e300", "\"5\""})
    EXPECT_EQ(http_call(port(), "PATCH", "/admin/keys/" + id,
                        std::string(R"({"budget":{"usd":)") + amount + "}}", bearer(master))
                  .status,
              400)
        << amount;
  EXPECT_EQ(
      http_call(port(), "POST", "/admin/keys", R"({"models":["nope"]})", bearer(master)).status,
      400);

  EXPECT_EQ(http_call(port(), "DELETE", "/admin/keys/" + id, "", bearer(master)).status, 200);
  auto revoked = chat(port(), secret, "spare");
  EXPECT_EQ(revoked.status, 401);
  EXPECT_EQ(error_code(revoked), "key_revoked");
  EXPECT_EQ(http_call(port(), "DELETE", "/admin/keys/alice", "", bearer(master)).status, 409);
  EXPECT_EQ(http_call(port(), "GET", "/admin/keys/key-nope", "", bearer(master)).status, 404);
}

TEST_F(Access, SpendIsQueryableByKeyModelAndDay) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(chat(port(), "sk-alice-0001", "chat").status, 200);
  // The ledger writes within milliseconds; a durable record precedes each answer's last byte.
  auto reply = http_call(port(), "GET", "/admin/spend?group_by=key&key=alice", "", bearer(master));
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto rows = json::parse(reply.body).at("data").as_array();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("group"), "alice");
  EXPECT_GE(rows[0].at("requests").as_int64(), 3);
  EXPECT_GT(rows[0].at("cost_nanos").as_int64(), 0);
  auto by_day =
      http_call(port(), "GET", "/admin/spend?group_by=day&from=2020-01-01", "", bearer(master));
  EXPECT_EQ(by_day.status, 200);
  EXPECT_EQ(http_call(port(), "GET", "/admin/spend?group_by=week", "", bearer(master)).status, 400);
}

TEST_F(Access, SecretsNeverReachTheLog) {
  chat(port(), "sk-alice-0001", "chat");
  chat(port(), "sk-wrong-secret-0001", "chat");
  // The log is written off the request path: wait for this test's lines.
  const std::string log = env->gateway->log_once_it_has("invalid_api_key");
  for (const std::string secret :
       {"sk-alice-0001", "sk-wrong-secret-0001", master.c_str(), "test-key"})
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  EXPECT_NE(log.find("\"key\":\"alice\""), std::string::npos);  // the id is logged instead
}

}  // namespace
}  // namespace keygate::testing::access_test
