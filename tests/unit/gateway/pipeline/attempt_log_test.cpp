#include "gateway/pipeline/attempt_log.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace keygate::attempt_log_test {
namespace {

attempt_try ended(std::string deployment, std::string group, int status, std::string error,
                  double ms) {
  attempt_try t;
  t.deployment = std::move(deployment);
  t.group = std::move(group);
  t.status = status;
  t.error = std::move(error);
  t.ms = ms;
  return t;
}

TEST(AttemptLog, EveryTryInOrderWithTheAnsweringOneTakingTheOutcome) {
  answer_outcome outcome;
  outcome.status = 200;
  outcome.tries.push_back(ended("a-1", "gpt", 429, "rate_limit_exceeded", 12.34));
  outcome.tries.push_back(ended("b \"quoted\"", "claude", 0, "", 7.06));
  EXPECT_EQ(
      attempt_log_json(outcome),
      R"([{"deployment":"a-1","model":"gpt","status":429,"error":"rate_limit_exceeded","ms":12.3},)"
      R"({"deployment":"b \"quoted\"","model":"claude","status":200,"error":null,"ms":7.1}])");
}

TEST(AttemptLog, AFailedAnswerCarriesItsErrorAndAnOpenTryItsTimeSoFar) {
  answer_outcome outcome;
  outcome.status = 502;
  outcome.error_code = "upstream_error";
  attempt_try open;
  open.deployment = "a-1";
  open.group = "gpt";
  open.started = std::chrono::steady_clock::now() - std::chrono::milliseconds(40);
  outcome.tries.push_back(open);
  const auto log = boost::json::parse(attempt_log_json(outcome)).as_array();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].at("status").as_int64(), 502);
  EXPECT_EQ(log[0].at("error").as_string(), "upstream_error");
  EXPECT_GE(log[0].at("ms").to_number<double>(), 40.0);
}

TEST(AttemptLog, NoTriesNoLog) {
  EXPECT_EQ(attempt_log_json(answer_outcome{}), "");
}

}  // namespace
}  // namespace keygate::attempt_log_test
