#include "gateway/limits/admission_plan.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace keygate::admission_plan_test {
namespace {

caller caller_with(virtual_key key) {
  caller who;
  who.key = std::make_shared<const virtual_key>(std::move(key));
  return who;
}

TEST(AdmissionPlan, AnEndUserTakesFromTheirOwnLimitsUnderTheKey) {
  virtual_key key;
  key.id = "home";
  key.per_end_user.limits.rpm = 5;
  key.per_end_user.budget = budget{1'000'000, budget_period::total};
  const auto who = caller_with(key);
  request_estimate estimate;
  estimate.worst_cost_nanos = 42;
  const auto ann = plan_admission(who, "chat", estimate, "r1", 0, "ann");
  ASSERT_EQ(ann.rates.size(), 1u);
  ASSERT_EQ(ann.budgets.size(), 1u);
  EXPECT_EQ(ann.budgets[0].amount_nanos, 42);
  EXPECT_EQ(ann.rates[0].id.rfind("k:home:u:", 0), 0u) << ann.rates[0].id;
  const auto bob = plan_admission(who, "chat", estimate, "r2", 0, "bob");
  ASSERT_EQ(bob.rates.size(), 1u);
  EXPECT_NE(ann.rates[0].id, bob.rates[0].id);
  // Nobody named: no per-end-user limit.
  const auto anonymous = plan_admission(who, "chat", estimate, "r3", 0);
  EXPECT_TRUE(anonymous.rates.empty());
  EXPECT_TRUE(anonymous.budgets.empty());
}

TEST(AdmissionPlan, ANameWithOddCharactersMakesAPlainLimiterId) {
  virtual_key key;
  key.id = "home";
  key.per_end_user.limits.rpm = 5;
  const auto plan =
      plan_admission(caller_with(key), "chat", request_estimate{}, "r", 0, "a:b\"c d");
  ASSERT_EQ(plan.rates.size(), 1u);
  EXPECT_EQ(plan.rates[0].id.find_first_of("\" "), std::string::npos) << plan.rates[0].id;
}

}  // namespace
}  // namespace keygate::admission_plan_test
