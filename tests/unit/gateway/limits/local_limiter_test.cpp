#include "gateway/limits/local_limiter.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace keygate::local_limiter_test {
namespace {

class LocalLimiter : public ::testing::Test {
 protected:
  std::int64_t clock_ms = 1'000'000;
  local_limiter limits{[this] { return clock_ms; }};

  static admission_request rpm(std::string id, std::int64_t per_minute) {
    admission_request r;
    r.request_id = std::move(id);
    r.rates.push_back({"k:a:rpm", per_minute, 1, rate_unit::requests, true});
    return r;
  }
};

TEST_F(LocalLimiter, AdmitsExactlyTheRpmThenRefillsEvenly) {
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(limits.admit_now(rpm("r", 10)).admitted()) << i;
  auto refused = limits.admit_now(rpm("r", 10));
  EXPECT_EQ(refused.refused, refusal::requests);
  EXPECT_EQ(refused.refused_id, "k:a:rpm");
  EXPECT_EQ(refused.retry_after_ms, 6000);  // one request every 6 s at 10 a minute
  ASSERT_TRUE(refused.requests);
  EXPECT_EQ(refused.requests->limit, 10);
  EXPECT_EQ(refused.requests->remaining, 0);
  EXPECT_EQ(refused.requests->reset_ms, 60'000);
  clock_ms += 5'999;
  EXPECT_FALSE(limits.admit_now(rpm("r", 10)).admitted());
  clock_ms += 1;
  EXPECT_TRUE(limits.admit_now(rpm("r", 10)).admitted());
}

TEST_F(LocalLimiter, HeadroomReadsTheBucketsAndSlotsWithoutTaking) {
  headroom_query query;
  query.rates.push_back({"k:a:rpm", 10, 0, rate_unit::requests, false});
  query.rates.push_back({"k:never:rpm", 7, 0, rate_unit::requests, false});
  query.parallel.push_back({"k:a:par", 3});
  admission_request held = rpm("held", 10);
  held.parallel.push_back({"k:a:par", 3});
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(limits.admit_now(rpm("r", 10)).admitted());
  ASSERT_TRUE(limits.admit_now(held).admitted());
  auto report = limits.headroom_now(query);
  ASSERT_EQ(report.rates.size(), 2u);
  EXPECT_EQ(report.rates[0], 5);
  EXPECT_EQ(report.rates[1], 7);  // never taken from: full
  ASSERT_EQ(report.parallel.size(), 1u);
  EXPECT_EQ(report.parallel[0], 2);
  // Reading takes nothing, and the buckets refill as time passes.
  EXPECT_EQ(limits.headroom_now(query).rates[0], 5);
  clock_ms += 6'000;
  EXPECT_EQ(limits.headroom_now(query).rates[0], 6);
  limits.settle_now(settlement{"held", {}, {"k:a:par"}, {}});
  EXPECT_EQ(limits.headroom_now(query).parallel[0], 3);
}

TEST_F(LocalLimiter, ReportsRemainingAfterTheTake) {
  auto first = limits.admit_now(rpm("r", 3));
  ASSERT_TRUE(first.requests);
  EXPECT_EQ(first.requests->remaining, 2);
  EXPECT_EQ(first.requests->reset_ms, 20'000);
}

TEST_F(LocalLimiter, AllOrNothingAcrossLimits) {
  admission_request both;
  both.request_id = "x";
  both.rates.push_back({"k:a:rpm", 100, 1, rate_unit::requests, false});
  both.rates.push_back({"k:a:tpm", 1000, 800, rate_unit::tokens, true});
  ASSERT_TRUE(limits.admit_now(both).admitted());
  auto refused = limits.admit_now(both);
  EXPECT_EQ(refused.refused, refusal::tokens);
  ASSERT_TRUE(refused.tokens);
  EXPECT_EQ(refused.tokens->remaining, 200);
  // The refused request took nothing from the rpm bucket: 99 requests are still left.
  admission_request small;
  small.request_id = "y";
  small.rates.push_back({"k:a:rpm", 100, 1, rate_unit::requests, true});
  EXPECT_EQ(limits.admit_now(small).requests->remaining, 98);
}

TEST_F(LocalLimiter, SettlementCorrectsTokensBothWays) {
  admission_request r;
  r.request_id = "x";
  r.rates.push_back({"k:a:tpm", 1000, 600, rate_unit::tokens, true});
  ASSERT_TRUE(limits.admit_now(r).admitted());
  settlement refund{"x", {{"k:a:tpm", 1000, -500, rate_unit::tokens, false}}, {}, {}};
  limits.settle_now(refund);  // only 100 tokens were used
  r.rates[0].amount = 900;
  EXPECT_TRUE(limits.admit_now(r).admitted());
  settlement debt{"x", {{"k:a:tpm", 1000, 400, rate_unit::tokens, false}}, {}, {}};
  limits.settle_now(debt);  // 1400 used in all: 400 of debt
  r.rates[0].amount = 1;
  auto refused = limits.admit_now(r);
  EXPECT_EQ(refused.refused, refusal::tokens);
  EXPECT_EQ(refused.retry_after_ms, 24'060);  // 401 tokens at 1000 a minute
}

TEST_F(LocalLimiter, ATakeLargerThanTheBucketNeverFits) {
  admission_request r;
  r.request_id = "x";
  r.rates.push_back({"k:a:tpm", 100, 101, rate_unit::tokens, false});
  auto refused = limits.admit_now(r);
  EXPECT_EQ(refused.refused, refusal::tokens);
  EXPECT_EQ(refused.retry_after_ms, 60'000);
}

TEST_F(LocalLimiter, ParallelSlotsAreHeldUntilSettled) {
  admission_request r;
  r.parallel.push_back({"k:a:par", 2});
  r.request_id = "1";
  ASSERT_TRUE(limits.admit_now(r).admitted());
  r.request_id = "2";
  ASSERT_TRUE(limits.admit_now(r).admitted());
  r.request_id = "3";
  EXPECT_EQ(limits.admit_now(r).refused, refusal::parallel);
  limits.settle_now({"1", {}, {"k:a:par"}, {}});
  EXPECT_TRUE(limits.admit_now(r).admitted());
}

admission_request spend(std::string id, std::int64_t reserve, std::int64_t limit = 1000) {
  admission_request r;
  r.request_id = std::move(id);
  r.budgets.push_back({"k:a:b:total", limit, reserve, 0});
  return r;
}

settlement charge(std::string id, std::int64_t cost, std::int64_t limit = 1000) {
  return {std::move(id), {}, {}, {{"k:a:b:total", limit, cost, 0}}};
}

TEST_F(LocalLimiter, BudgetAdmitsWhatFitsThenOneRequestPastTheReservations) {
  ASSERT_TRUE(limits.admit_now(spend("1", 400)).admitted());
  ASSERT_TRUE(limits.admit_now(spend("2", 400)).admitted());
  ASSERT_TRUE(limits.admit_now(spend("3", 400)).admitted());  // the edge: 1200 reserved
  EXPECT_EQ(limits.admit_now(spend("4", 1)).refused, refusal::budget);
  limits.settle_now(charge("3", 10));  // the edge request settles: the edge is free again
  EXPECT_TRUE(limits.admit_now(spend("5", 400)).admitted());
  limits.settle_now(charge("1", 400));
  limits.settle_now(charge("2", 400));
  limits.settle_now(charge("5", 400));
  EXPECT_EQ(limits.spent("k:a:b:total"), 1210);
  // Spent past the limit: nothing more, not even at the edge.
  EXPECT_EQ(limits.admit_now(spend("6", 0)).refused, refusal::budget);
}

TEST_F(LocalLimiter, BudgetOverspendIsAtMostOneRequestUnderConcurrency) {
  constexpr std::int64_t limit = 10'000, cost = 7;
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        const std::string id = std::to_string(t) + "-" + std::to_string(i);
        if (!limits.admit_now(spend(id, cost, limit)).admitted()) continue;
        ++admitted;
        limits.settle_now(charge(id, cost, limit));
      }
    });
  for (auto& t : threads) t.join();
  const auto spent = limits.spent("k:a:b:total");
  EXPECT_GE(spent, limit - cost);
  EXPECT_LE(spent, limit + cost);
  EXPECT_EQ(spent, admitted.load() * cost);
}

TEST_F(LocalLimiter, RestoredSpendCountsAgainstTheBudget) {
  limits.add_spent("k:a:b:total", 999);
  EXPECT_TRUE(limits.admit_now(spend("1", 5)).admitted());  // the edge
  EXPECT_EQ(limits.admit_now(spend("2", 0)).refused, refusal::budget);
}

}  // namespace
}  // namespace keygate::local_limiter_test
