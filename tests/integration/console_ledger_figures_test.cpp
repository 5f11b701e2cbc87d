// A message's figures are the ledger's: a chat the console sends through /v1 with its cookie,
// then PATCH with the request id, shows exactly the cost the ledger recorded; a row that lands
// after the PATCH is picked up when the conversation is read.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json/parse.hpp>

#include "console_client.hpp"
#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::console_ledger_figures_test {
namespace {

// The ledger's cost for a request (nano-USD), read from the file as any reader would; -1: no row.
// Another process sees a row once the ledger's writer commits it, within a flush interval of the
// answer (docs/ledger.md): the tests wait for it.
std::int64_t ledger_cost(const std::string& path, const std::string& request_id) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT cost_nanos FROM requests WHERE request_id = ?1", -1, &s, nullptr);
  sqlite3_bind_text(s, 1, request_id.c_str(), -1, SQLITE_TRANSIENT);
  const std::int64_t cost = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_close_v2(db);
  return cost;
}

class ConsoleLedgerFigures : public ::testing::Test {
 protected:
  ConsoleLedgerFigures() : env_(console_models_yaml(), console_auth_yaml()), alice_(env_.port()) {
    EXPECT_EQ(alice_.sign_in(alice_secret).status, 200);
    conversation_ = id(alice_.json("POST", "/console/conversations", R"({"model": "gpt"})"));
    question_ = id(alice_.json("POST", "/console/conversations/" + conversation_ + "/messages",
                               R"({"parent_id": null, "role": "user", "content": "hi"})"));
  }
  static std::string id(const boost::json::value& v) { return std::string(v.at("id").as_string()); }
  std::string new_answer() {
    return id(alice_.json(
        "POST", "/console/conversations/" + conversation_ + "/messages",
        R"({"parent_id": ")" + question_ + R"(", "role": "assistant", "status": "streaming"})"));
  }
  boost::json::value patch(const std::string& message, const std::string& body) {
    return alice_.json("PATCH", "/console/conversations/" + conversation_ + "/messages/" + message,
                       body);
  }
  std::string ledger_path() const { return env_.dir.path() + "/keygate-ledger.db"; }

  gateway_fixture env_;
  console_client alice_;
  std::string conversation_, question_;
};

TEST_F(ConsoleLedgerFigures, APatchWithTheRequestIdShowsTheLedgersExactCost) {
  const auto answer = new_answer();
  const auto chat =
      alice_.call("POST", "/v1/chat/completions",
                  chat_body("gpt", true, R"(,"stream_options":{"include_usage":true})"));
  ASSERT_EQ(chat.status, 200) << chat.body;
  const std::string request_id = chat.header("x-request-id");
  ASSERT_TRUE(eventually([&] { return ledger_cost(ledger_path(), request_id) > 0; }))
      << "the ledger has the request, priced";
  const auto cost = ledger_cost(ledger_path(), request_id);

  const auto m = patch(answer, R"({"content": "Hello!", "status": "complete", "request_id": ")" +
                                   request_id + R"("})");
  EXPECT_EQ(m.at("request_id"), request_id.c_str());
  EXPECT_EQ(m.at("cost_nanos").as_int64(), cost);
  EXPECT_DOUBLE_EQ(m.at("cost_usd").as_double(), static_cast<double>(cost) / 1e9);
  EXPECT_EQ(m.at("deployment"), "gpt");
  EXPECT_GT(m.at("usage").at("prompt_tokens").as_int64(), 0);
  EXPECT_GT(m.at("usage").at("completion_tokens").as_int64(), 0);
  EXPECT_TRUE(m.at("ttft_ms").is_number());
  EXPECT_GE(m.at("total_ms").as_double(), m.at("ttft_ms").as_double());
  EXPECT_EQ(m.at("status"), "complete");

  // The conversation's cost is its messages'.
  const auto list = alice_.json("GET", "/console/conversations");
  EXPECT_DOUBLE_EQ(list.at("conversations").as_array()[0].at("cost_usd").as_double(),
                   static_cast<double>(cost) / 1e9);
}

TEST_F(ConsoleLedgerFigures, ARowThatLandsAfterThePatchIsFilledWhenTheConversationIsRead) {
  const auto answer = new_answer();
  const std::string request_id = "req-console-late-1";
  const auto early =
      patch(answer, R"({"status": "incomplete", "request_id": ")" + request_id + R"("})");
  EXPECT_TRUE(early.at("cost_nanos").is_null());
  EXPECT_TRUE(early.at("usage").is_null());

  // The request reaches the ledger only now (a client may name its own request id).
  const auto chat = alice_.call("POST", "/v1/chat/completions", chat_body("gpt"), true,
                                {{"x-request-id", request_id}});
  ASSERT_EQ(chat.status, 200) << chat.body;
  ASSERT_TRUE(eventually([&] { return ledger_cost(ledger_path(), request_id) > 0; }));
  const auto cost = ledger_cost(ledger_path(), request_id);

  const auto whole = alice_.json("GET", "/console/conversations/" + conversation_);
  const auto& messages = whole.at("messages").as_array();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1].at("cost_nanos").as_int64(), cost);
  EXPECT_EQ(messages[1].at("status"), "incomplete");
}

TEST_F(ConsoleLedgerFigures, AnotherKeysRequestGivesNoFigures) {
  const auto bobs =
      http_call(env_.port(), "POST", "/v1/chat/completions", chat_body("gpt"), bearer(bob_secret));
  ASSERT_EQ(bobs.status, 200);
  const std::string request_id = bobs.header("x-request-id");
  ASSERT_TRUE(eventually([&] { return ledger_cost(ledger_path(), request_id) > 0; }));
  const auto m = patch(new_answer(), R"({"request_id": ")" + request_id + R"("})");
  EXPECT_TRUE(m.at("cost_nanos").is_null());
  EXPECT_TRUE(m.at("deployment").is_null());
  const auto whole = alice_.json("GET", "/console/conversations/" + conversation_);
  EXPECT_TRUE(whole.at("messages").as_array()[1].at("cost_nanos").is_null());
}

TEST_F(ConsoleLedgerFigures, TheAccountShowsTheBudgetSpentAndWhenItResets) {
  const auto before = alice_.json("GET", "/console/account");
  EXPECT_EQ(before.at("budget").at("usd").as_double(), 5.0);
  EXPECT_EQ(before.at("budget").at("period"), "month");
  EXPECT_EQ(before.at("budget").at("spent_usd").as_double(), 0.0);
  EXPECT_GT(before.at("budget").at("resets_at").as_int64(), 0);
  EXPECT_TRUE(before.at("team_budget").is_null());
  const auto chat = alice_.call("POST", "/v1/chat/completions", chat_body("gpt"));
  ASSERT_EQ(chat.status, 200);
  const std::string request_id = chat.header("x-request-id");
  ASSERT_TRUE(eventually([&] { return ledger_cost(ledger_path(), request_id) > 0; }));
  const auto cost = ledger_cost(ledger_path(), request_id);
  const auto after = alice_.json("GET", "/console/account");
  EXPECT_DOUBLE_EQ(after.at("budget").at("spent_usd").as_double(), static_cast<double>(cost) / 1e9);

  const auto models = alice_.json("GET", "/console/models").as_array();
  ASSERT_EQ(models.size(), 2u);
  EXPECT_EQ(models[0].at("id"), "gpt");
  EXPECT_EQ(models[0].at("price").at("input_per_million").as_double(), 2.0);
  EXPECT_EQ(models[0].at("price").at("output_per_million").as_double(), 8.0);
  EXPECT_EQ(models[0].at("providers"), boost::json::parse(R"(["openai"])"));
  EXPECT_EQ(models[1].at("id"), "mock-gpt");
}

}  // namespace
}  // namespace keygate::testing::console_ledger_figures_test
