#include "gateway/accounting/ledger_lookups.hpp"

#include <gtest/gtest.h>

#include "gateway/accounting/ledger.hpp"
#include "gateway/accounting/ledger_schema.hpp"
#include "ledger_test_support.hpp"

namespace keygate::ledger_lookups_test {
namespace {

ledger_record request(std::string id, std::string key, std::string team, std::int64_t time_ms,
                      std::optional<std::int64_t> cost) {
  ledger_record r;
  r.request_id = std::move(id);
  r.time_ms = time_ms;
  r.key_id = std::move(key);
  r.team = std::move(team);
  r.endpoint = "chat.completions";
  r.model = "gpt";
  r.deployment = "gpt-east";
  r.status = 200;
  r.usage = {100, 20, 40, 0, 5, true};
  r.cost_nanos = cost;
  r.latency_ms = 812.5;
  r.ttft_ms = 120.25;
  r.attempts = 2;
  return r;
}

class LedgerLookups : public ::testing::Test {
 protected:
  LedgerLookups() {
    {
      ledger book({.path = dir_.file("ledger.db")});
      book.append(request("req-1", "alice", "red", 1000, 5000));
      book.append(request("req-2", "bob", "red", 2000, 700));
      book.append(request("req-3", "alice", "", 3000, std::nullopt));
      auto later = request("req-1", "alice", "red", 4000, 9000);  // a reused id: newest wins
      later.deployment = "gpt-west";
      book.append(later);
    }  // closing commits everything
    db_ = test::open_test_db(dir_.file("ledger.db"));
    prepare_ledger_reader(db_.get(), std::chrono::milliseconds(1000));
  }
  test::temp_dir dir_;
  test::test_db db_;
};

TEST_F(LedgerLookups, ARequestIsFoundOnlyForTheKeyThatMadeIt) {
  const auto mine = read_request_figures(db_.get(), "req-2", "bob");
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->usage.prompt, 100);
  EXPECT_EQ(mine->usage.cached, 40);
  EXPECT_EQ(mine->usage.completion, 20);
  EXPECT_EQ(mine->usage.reasoning, 5);
  EXPECT_TRUE(mine->usage.known);
  EXPECT_EQ(mine->cost_nanos, 700);
  EXPECT_EQ(mine->ttft_ms, 120.25);
  EXPECT_EQ(mine->total_ms, 812.5);
  EXPECT_EQ(mine->deployment, "gpt-east");
  EXPECT_EQ(mine->attempts, 2);
  EXPECT_FALSE(read_request_figures(db_.get(), "req-2", "alice").has_value());
  EXPECT_FALSE(read_request_figures(db_.get(), "req-2", "").has_value());
  EXPECT_FALSE(read_request_figures(db_.get(), "no-such", "bob").has_value());
}

TEST_F(LedgerLookups, AReusedRequestIdGivesTheNewestRowAndAnUnknownCostStaysUnknown) {
  EXPECT_EQ(read_request_figures(db_.get(), "req-1", "alice")->deployment, "gpt-west");
  EXPECT_FALSE(read_request_figures(db_.get(), "req-3", "alice")->cost_nanos.has_value());
}

TEST_F(LedgerLookups, SpendOfAKeyOrATeamSinceATime) {
  EXPECT_EQ(read_key_spend(db_.get(), "alice", 0), 14000);
  EXPECT_EQ(read_key_spend(db_.get(), "alice", 2000), 9000);
  EXPECT_EQ(read_key_spend(db_.get(), "carol", 0), 0);
  EXPECT_EQ(read_team_spend(db_.get(), "red", 0), 14700);
  EXPECT_EQ(read_team_spend(db_.get(), "red", 1500), 9700);
}

}  // namespace
}  // namespace keygate::ledger_lookups_test
