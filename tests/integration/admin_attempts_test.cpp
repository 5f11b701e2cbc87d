// A request's tries in its ledger row (attempt_log) and in GET /admin/requests/{id}, through the
// real binary: a fallback after a failure, a stream, and a request no deployment answered.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::admin_attempts_test {
namespace {

namespace json = boost::json;

const std::string master = "master-key-for-attempt-tests-1";

std::string models() {
  return model_entry("chat", "fake-gpt@tokens=5") +
         model_entry("broken", "fake-gpt@status=500", "    fallbacks: [chat]\n") +
         model_entry("down", "fake-gpt@status=503");
}

class AdminAttempts : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(models(), "auth:\n  master_key: " + master + "\n");
  }
  static void TearDownTestSuite() { delete env; }

  // The detail of the request that answered `reply`, once the ledger has it.
  static json::object detail_of(const http_reply& reply) {
    const std::string id = reply.header("x-request-id");
    EXPECT_FALSE(id.empty());
    http_reply found;
    EXPECT_TRUE(eventually([&] {
      found = http_call(env->port(), "GET", "/admin/requests/" + id, "", bearer(master));
      return found.status == 200;
    })) << found.body;
    return found.status == 200 ? json::parse(found.body).as_object() : json::object();
  }
  static gateway_fixture* env;
};
gateway_fixture* AdminAttempts::env = nullptr;

TEST_F(AdminAttempts, AFallbackListsTheFailedTryThenTheOneThatAnswered) {
  for (const bool stream : {false, true}) {
    auto reply = chat(env->port(), master, "broken", stream);
    ASSERT_EQ(reply.status, 200) << reply.body;
    const auto row = detail_of(reply);
    ASSERT_TRUE(row.contains("attempt_log")) << row;
    const auto& log = row.at("attempt_log");
    ASSERT_TRUE(log.is_array()) << row;
    const auto& tries = log.as_array();
    ASSERT_EQ(tries.size(), 2u) << log;
    EXPECT_EQ(row.at("attempts"), 2);

    EXPECT_EQ(tries[0].at("model"), "broken");
    EXPECT_EQ(tries[0].at("status"), 500);
    EXPECT_TRUE(tries[0].at("error").is_string()) << tries[0];
    EXPECT_FALSE(tries[0].at("deployment").as_string().empty());
    EXPECT_GE(tries[0].at("ms").to_number<double>(), 0);

    EXPECT_EQ(tries[1].at("model"), "chat");
    EXPECT_EQ(tries[1].at("status"), 200);
    EXPECT_TRUE(tries[1].at("error").is_null()) << tries[1];
    EXPECT_EQ(tries[1].at("deployment"), row.at("deployment"));
    EXPECT_NE(tries[1].at("deployment"), tries[0].at("deployment"));
    EXPECT_GE(tries[1].at("ms").to_number<double>(), 0);
  }
}

TEST_F(AdminAttempts, ARequestNobodyAnsweredKeepsItsOneFailedTry) {
  auto reply = chat(env->port(), master, "down");
  ASSERT_EQ(reply.status, 503) << reply.body;
  const auto row = detail_of(reply);
  const auto& tries = row.at("attempt_log").as_array();
  ASSERT_EQ(tries.size(), 1u) << row;
  EXPECT_EQ(tries[0].at("status"), 503);
  EXPECT_EQ(tries[0].at("model"), "down");
  EXPECT_EQ(row.at("status"), 503);
}

TEST_F(AdminAttempts, TheListOfRequestsLeavesTheTriesToTheDetail) {
  auto reply = chat(env->port(), master, "chat");
  ASSERT_EQ(reply.status, 200);
  const auto row = detail_of(reply);
  EXPECT_EQ(row.at("attempt_log").as_array().size(), 1u);
  auto page = http_call(env->port(), "GET", "/admin/requests?limit=5", "", bearer(master));
  EXPECT_EQ(page.body.find("attempt_log"), std::string::npos);
}

}  // namespace
}  // namespace keygate::testing::admin_attempts_test
