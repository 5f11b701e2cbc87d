#include "gateway/limits/budget_period.hpp"

#include <gtest/gtest.h>

namespace keygate::budget_period_test {
namespace {

// 2026-11-28 (a Saturday) 13:45:00 UTC.
constexpr std::int64_t saturday = 1'795'873'500'000;

TEST(BudgetPeriod, DaysWeeksAndMonthsInUtc) {
  auto day = period_at(budget_period::daily, saturday);
  EXPECT_EQ(day.label, "2026-11-28");
  EXPECT_EQ(day.end_ms - day.start_ms, 86'400'000);
  EXPECT_EQ(day.start_ms % 86'400'000, 0);
  auto week = period_at(budget_period::weekly, saturday);
  EXPECT_EQ(week.label, "2026-W48");
  EXPECT_EQ(week.start_ms, day.start_ms - 5 * 86'400'000);  // Monday 23rd
  auto month = period_at(budget_period::monthly, saturday);
  EXPECT_EQ(month.label, "2026-11");
  EXPECT_EQ(month.end_ms - month.start_ms, 30LL * 86'400'000);
  EXPECT_EQ(period_at(budget_period::total, saturday).label, "total");
}

TEST(BudgetPeriod, IsoWeekYearAtTheTurnOfTheYear) {
  // 2027-01-01 is a Friday: it belongs to week 53 of 2026.
  constexpr std::int64_t new_year = 1'798'761'600'000;
  EXPECT_EQ(period_at(budget_period::weekly, new_year).label, "2026-W53");
  EXPECT_EQ(period_at(budget_period::monthly, new_year).label, "2027-01");
  EXPECT_EQ(period_at(budget_period::daily, new_year - 1).label, "2026-12-31");
}

}  // namespace
}  // namespace keygate::budget_period_test
