// GET /admin/budgets' headroom read from the rate limiter itself, through the real binary: what is
// left in a key's and its team's buckets, and the parallel slots a request in flight holds.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::admin_headroom_test {
namespace {

namespace json = boost::json;

const std::string master = "master-key-for-headroom-tests";
const std::string worker = "sk-headroom-worker-0001";

std::string models() {
  return model_entry("chat", "fake-gpt@tokens=5") +
         model_entry("slow", "fake-gpt@latency=1500,tokens=5");
}

std::string auth_yaml() {
  return "auth:\n  master_key: " + master +
         "\n"
         "  teams:\n"
         "    - {id: crew, rpm: 50}\n"
         "  keys:\n"
         "    - {id: worker, key: " +
         worker + ", team: crew, rpm: 6, tpm: 100000, max_parallel: 2}\n";
}

json::object headroom_of(const gateway_fixture& env, const std::string& list,
                         const std::string& secret) {
  auto reply = http_call(env.port(), "GET", "/admin/budgets", "", bearer(secret));
  EXPECT_EQ(reply.status, 200) << reply.body;
  const auto body = json::parse(reply.body);
  return body.at(list).as_array().at(0).at("headroom").as_object();
}

TEST(AdminHeadroom, ComesFromTheLimitersBucketsAndSlots) {
  gateway_fixture env(models(), auth_yaml());
  // Untouched buckets are full.
  auto fresh = headroom_of(env, "keys", master);
  EXPECT_EQ(fresh.at("requests"), 6);
  EXPECT_EQ(fresh.at("tokens"), 100000);
  EXPECT_EQ(fresh.at("parallel"), 2);

  for (int i = 0; i < 3; ++i) ASSERT_EQ(chat(env.port(), worker, "chat").status, 200);
  // Six a minute refill one each ten seconds: three taken leave three (four if one came back).
  const auto used = headroom_of(env, "keys", master);
  EXPECT_GE(used.at("requests").as_int64(), 3);
  EXPECT_LE(used.at("requests").as_int64(), 4);
  const auto tokens = used.at("tokens").as_int64();
  EXPECT_LT(tokens, 100000);
  EXPECT_GT(tokens, 99000);
  const auto team = headroom_of(env, "teams", master);
  EXPECT_GE(team.at("requests").as_int64(), 47);
  EXPECT_LE(team.at("requests").as_int64(), 48);
  EXPECT_TRUE(team.at("tokens").is_null());
  EXPECT_TRUE(team.at("parallel").is_null());

  // A request in flight holds a slot, which the ledger cannot know.
  auto slow = std::async(std::launch::async, [&] { return chat(env.port(), worker, "slow"); });
  EXPECT_TRUE(eventually([&] { return headroom_of(env, "keys", worker).at("parallel") == 1; }));
  EXPECT_EQ(slow.get().status, 200);
  EXPECT_TRUE(eventually([&] { return headroom_of(env, "keys", worker).at("parallel") == 2; }));
}

}  // namespace
}  // namespace keygate::testing::admin_headroom_test
