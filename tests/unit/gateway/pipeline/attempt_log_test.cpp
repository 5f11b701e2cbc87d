#include "gateway/pipeline/attempt_log.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace keygate::attempt_log_test {
namespace {

TEST(AttemptLog, NothingTriedIsEmpty) {
  EXPECT_EQ(attempt_log_json(answer_outcome{}), "");
}

TEST(AttemptLog, EachTryInOrderTheOpenOneWithTheOutcome) {
  answer_outcome outcome;
  outcome.status = 200;
  outcome.tries.push_back({"gpt-a", "gpt", 429, "rate_limited", {}, 12.34});
  outcome.tries.push_back(
      {"claude \"b\"", "fallback", 0, "", std::chrono::steady_clock::now(), {}});
  const std::string text = attempt_log_json(outcome);
  EXPECT_TRUE(text.starts_with(
      R"([{"deployment":"gpt-a","model":"gpt","status":429,"error":"rate_limited","ms":12.3},)"))
      << text;
  const auto tries = boost::json::parse(text).as_array();
  ASSERT_EQ(tries.size(), 2u);
  EXPECT_EQ(tries[1].at("deployment").as_string(), "claude \"b\"");
  EXPECT_EQ(tries[1].at("model").as_string(), "fallback");
  EXPECT_EQ(tries[1].at("status").as_int64(), 200);
  EXPECT_TRUE(tries[1].at("error").is_null());
  EXPECT_GE(tries[1].at("ms").to_number<double>(), 0);
}

TEST(AttemptLog, TheOpenTryTakesTheOutcomesError) {
  answer_outcome outcome;
  outcome.status = 502;
  outcome.error_code = "upstream_error";
  outcome.tries.push_back({"d", "g", 0, "", {}, 3.0});
  EXPECT_EQ(attempt_log_json(outcome),
            R"([{"deployment":"d","model":"g","status":502,"error":"upstream_error","ms":3}])");
}

}  // namespace
}  // namespace keygate::attempt_log_test
