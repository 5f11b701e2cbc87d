#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gateway/accounting/ledger.hpp"
#include "ledger_test_support.hpp"
#include "tests/support/eventually.hpp"

namespace keygate::ledger_queries_test {
namespace {

using testing::eventually;

constexpr std::int64_t march_10 = 1'710'028'800'000;  // 2024-03-10T00:00:00Z
constexpr std::int64_t march_11 = 1'710'115'200'000;

ledger_record spend(std::string key, std::string team, std::string model, std::int64_t time_ms,
                    std::optional<std::int64_t> cost, std::int64_t prompt = 10) {
  ledger_record r;
  r.request_id = key + "@" + std::to_string(time_ms);
  r.time_ms = time_ms;
  r.key_id = std::move(key);
  r.team = std::move(team);
  r.endpoint = "chat.completions";
  r.model = std::move(model);
  r.status = 200;
  r.usage = {prompt, 2 * prompt, prompt / 2, prompt / 5, prompt / 10, true};
  r.cost_nanos = cost;
  return r;
}

// Two keys on one team, one key alone, one request without a key; a UTC midnight in between.
class LedgerQueries : public ::testing::Test {
 protected:
  LedgerQueries() {
    ledger_options options;
    options.path = dir_.file("ledger.db");
    book_.emplace(options);
    book_->append(spend("alice", "red", "gpt-4o", march_10 - 1, 1000));  // 23:59:59.999
    book_->append(spend("alice", "red", "gpt-4o", march_10, 2000));      // 00:00:00.000
    book_->append(spend("alice", "red", "claude", march_10 + 5, std::nullopt));
    book_->append(spend("bob", "red", "gpt-4o", march_10 + 10, 40));
    book_->append(spend("carol", "", "claude", march_11 + 1, 700, 100));
    book_->append(spend("", "", "gpt-4o", march_10 + 20, 5));
    // Wait for the writer: spend queries read what is committed.
    EXPECT_TRUE(eventually([&] { return book_->written() >= 6; }));
  }

  const spend_row& row(const std::vector<spend_row>& rows, const std::string& group) {
    for (const auto& r : rows)
      if (r.group == group) return r;
    ADD_FAILURE() << "no row for " << group;
    static const spend_row none;
    return none;
  }

  std::vector<std::string> groups(const std::vector<spend_row>& rows) {
    std::vector<std::string> names;
    for (const auto& r : rows) names.push_back(r.group);
    return names;
  }

  test::temp_dir dir_;
  std::optional<ledger> book_;
};

TEST_F(LedgerQueries, SpendSinceSumsKnownCostsByKeyAndTeam) {
  auto all = book_->spend_since(0);
  EXPECT_EQ(all.by_key,
            (std::map<std::string, std::int64_t>{{"alice", 3000}, {"bob", 40}, {"carol", 700}}));
  EXPECT_EQ(all.by_team, (std::map<std::string, std::int64_t>{{"red", 3040}}));

  auto since_midnight = book_->spend_since(march_10);  // inclusive
  EXPECT_EQ(since_midnight.by_key,
            (std::map<std::string, std::int64_t>{{"alice", 2000}, {"bob", 40}, {"carol", 700}}));
  EXPECT_EQ(since_midnight.by_team, (std::map<std::string, std::int64_t>{{"red", 2040}}));

  auto later = book_->spend_since(march_11 + 2);
  EXPECT_TRUE(later.by_key.empty());
  EXPECT_TRUE(later.by_team.empty());
}

TEST_F(LedgerQueries, GroupsByKeyMostCostlyFirst) {
  const auto rows = book_->query_spend({});
  EXPECT_EQ(groups(rows), (std::vector<std::string>{"alice", "carol", "bob", ""}));
  const auto& alice = row(rows, "alice");
  EXPECT_EQ(alice.requests, 3);
  EXPECT_EQ(alice.prompt_tokens, 30);
  EXPECT_EQ(alice.completion_tokens, 60);
  EXPECT_EQ(alice.cached_tokens, 15);
  EXPECT_EQ(alice.cache_write_tokens, 6);
  EXPECT_EQ(alice.reasoning_tokens, 3);
  EXPECT_EQ(alice.cost_nanos, 3000);
  EXPECT_EQ(alice.unknown_cost_requests, 1);
  EXPECT_EQ(row(rows, "carol").prompt_tokens, 100);
  EXPECT_EQ(row(rows, "carol").unknown_cost_requests, 0);
}

TEST_F(LedgerQueries, GroupsByModel) {
  spend_query query;
  query.group_by = spend_group::model;
  const auto rows = book_->query_spend(query);
  EXPECT_EQ(groups(rows), (std::vector<std::string>{"gpt-4o", "claude"}));
  EXPECT_EQ(row(rows, "gpt-4o").requests, 4);
  EXPECT_EQ(row(rows, "gpt-4o").cost_nanos, 3045);
  EXPECT_EQ(row(rows, "claude").requests, 2);
  EXPECT_EQ(row(rows, "claude").cost_nanos, 700);
  EXPECT_EQ(row(rows, "claude").unknown_cost_requests, 1);
}

TEST_F(LedgerQueries, GroupsByUtcDayAcrossMidnight) {
  spend_query query;
  query.group_by = spend_group::day;
  const auto rows = book_->query_spend(query);
  EXPECT_EQ(groups(rows), (std::vector<std::string>{"2024-03-09", "2024-03-10", "2024-03-11"}));
  EXPECT_EQ(row(rows, "2024-03-09").requests, 1);
  EXPECT_EQ(row(rows, "2024-03-09").cost_nanos, 1000);
  EXPECT_EQ(row(rows, "2024-03-10").requests, 4);
  EXPECT_EQ(row(rows, "2024-03-10").cost_nanos, 2045);
  EXPECT_EQ(row(rows, "2024-03-10").unknown_cost_requests, 1);
  EXPECT_EQ(row(rows, "2024-03-11").cost_nanos, 700);
}

TEST_F(LedgerQueries, FiltersByKeyModelAndTimeRange) {
  spend_query query;
  query.group_by = spend_group::day;
  query.key_id = "alice";
  auto rows = book_->query_spend(query);
  EXPECT_EQ(groups(rows), (std::vector<std::string>{"2024-03-09", "2024-03-10"}));
  EXPECT_EQ(row(rows, "2024-03-10").requests, 2);

  query.model = "gpt-4o";
  rows = book_->query_spend(query);
  EXPECT_EQ(row(rows, "2024-03-10").requests, 1);
  EXPECT_EQ(row(rows, "2024-03-10").unknown_cost_requests, 0);

  spend_query range;
  range.group_by = spend_group::model;
  range.from_ms = march_10;     // inclusive
  range.to_ms = march_10 + 10;  // exclusive: bob's request is out
  rows = book_->query_spend(range);
  EXPECT_EQ(groups(rows), (std::vector<std::string>{"gpt-4o", "claude"}));
  EXPECT_EQ(row(rows, "gpt-4o").requests, 1);
  EXPECT_EQ(row(rows, "gpt-4o").cost_nanos, 2000);

  spend_query nobody;
  nobody.key_id = "mallory' OR '1'='1";  // bound, never spliced into the SQL
  EXPECT_TRUE(book_->query_spend(nobody).empty());
}

TEST_F(LedgerQueries, GroupsByTwoDimensions) {
  spend_query query;
  query.group_by = spend_group::day;
  query.then_by = spend_group::model;
  const auto rows = book_->query_spend(query);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].group, "2024-03-09");
  EXPECT_EQ(rows[1].group, "2024-03-10");
  EXPECT_EQ(rows[1].group2, "gpt-4o");  // the costlier model first within its day
  EXPECT_EQ(rows[1].requests, 3);
  EXPECT_EQ(rows[2].group2, "claude");
  EXPECT_EQ(rows[3].group, "2024-03-11");

  spend_query by_team;
  by_team.group_by = spend_group::team;
  by_team.then_by = spend_group::key;
  const auto teams = book_->query_spend(by_team);
  ASSERT_EQ(teams.size(), 4u);
  EXPECT_EQ(teams[0].group, "red");
  EXPECT_EQ(teams[0].group2, "alice");
  EXPECT_EQ(teams[1].group2, "bob");
}

// Whole days come from the daily tables, other ranges and mixed dimensions from the requests:
// both must give the same sums.
TEST_F(LedgerQueries, DailyTablesAgreeWithTheRequests) {
  for (auto group : {spend_group::day, spend_group::key, spend_group::team, spend_group::model,
                     spend_group::provider, spend_group::deployment}) {
    spend_query whole;
    whole.group_by = group;
    whole.from_ms = march_10 - 86'400'000;
    whole.to_ms = march_11 + 86'400'000;
    spend_query cut = whole;
    cut.from_ms = *whole.from_ms + 1;  // no request at that millisecond
    const auto a = book_->query_spend(whole), b = book_->query_spend(cut);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].group, b[i].group);
      EXPECT_EQ(a[i].requests, b[i].requests);
      EXPECT_EQ(a[i].cost_nanos, b[i].cost_nanos);
      EXPECT_EQ(a[i].unknown_cost_requests, b[i].unknown_cost_requests);
      EXPECT_EQ(a[i].reasoning_tokens, b[i].reasoning_tokens);
    }
  }
  spend_query mixed;  // a key's spend by model: from the requests
  mixed.group_by = spend_group::model;
  mixed.key_id = "alice";
  const auto rows = book_->query_spend(mixed);
  EXPECT_EQ(row(rows, "gpt-4o").requests, 2);
  EXPECT_EQ(row(rows, "claude").requests, 1);
}

// A response cache hit (cost 0, saved its original cost) and a prompt cache's net saving are
// summed alike from the daily tables and from the requests.
TEST_F(LedgerQueries, SavingsAndCacheHitsAreSummedFromEitherSource) {
  auto hit = spend("dora", "blue", "gpt-4o", march_11 + 30, 0, 0);
  hit.cache_hit = true;
  hit.saved_nanos = 1234;
  auto cached_prompt = spend("dora", "blue", "gpt-4o", march_11 + 40, 90);
  cached_prompt.saved_nanos = 66;
  book_->append(hit);
  book_->append(cached_prompt);
  ASSERT_TRUE(eventually([&] { return book_->written() >= 8; }));
  for (auto group : {spend_group::key, spend_group::team, spend_group::model, spend_group::day}) {
    spend_query whole;  // whole days: a daily table
    whole.group_by = group;
    whole.from_ms = march_11;
    whole.to_ms = march_11 + 86'400'000;
    spend_query cut = whole;  // a cut day: the requests
    cut.from_ms = march_11 + 2;
    for (const auto& query : {whole, cut}) {
      const auto rows = book_->query_spend(query);
      std::int64_t hits = 0, saved = 0;
      for (const auto& r : rows) {
        hits += r.cache_hits;
        saved += r.saved_nanos;
      }
      EXPECT_EQ(hits, 1);
      EXPECT_EQ(saved, 1234 + 66);
    }
  }
  spend_query by_key;
  by_key.group_by = spend_group::key;
  by_key.from_ms = march_11;
  const auto rows = book_->query_spend(by_key);
  EXPECT_EQ(row(rows, "dora").cache_hits, 1);
  EXPECT_EQ(row(rows, "dora").saved_nanos, 1300);
  EXPECT_EQ(row(rows, "carol").cache_hits, 0);
  EXPECT_EQ(row(rows, "carol").saved_nanos, 0);
}

TEST_F(LedgerQueries, RequestPagesWalkNewestFirstByCursor) {
  requests_query query;
  query.limit = 4;
  auto first = book_->query_requests(query);
  ASSERT_EQ(first.rows.size(), 4u);
  ASSERT_TRUE(first.next);
  EXPECT_EQ(first.rows[0].key_id, "carol");  // the newest
  for (std::size_t i = 1; i < first.rows.size(); ++i)
    EXPECT_GE(first.rows[i - 1].time_ms, first.rows[i].time_ms);
  query.before = first.next;
  auto second = book_->query_requests(query);
  ASSERT_EQ(second.rows.size(), 2u);
  EXPECT_FALSE(second.next);
  EXPECT_EQ(second.rows.back().time_ms, march_10 - 1);  // the oldest

  requests_query alices;
  alices.key_id = "alice";
  alices.status = status_range{200, 299, false};
  EXPECT_EQ(book_->query_requests(alices).rows.size(), 3u);
  alices.status = status_range{200, 299, true};
  EXPECT_TRUE(book_->query_requests(alices).rows.empty());

  auto one = book_->find_request("bob@" + std::to_string(march_10 + 10), std::nullopt);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->key_id, "bob");
  EXPECT_EQ(one->usage.prompt, 10);
  EXPECT_FALSE(book_->find_request(one->request_id, std::string("alice")));
}

}  // namespace
}  // namespace keygate::ledger_queries_test
