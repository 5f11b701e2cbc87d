// Two keygate instances sharing one real Redis: one rate limit, one budget, one set of keys; and
// what happens when Redis is not there.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <latch>
#include <thread>

#include "harness.hpp"
#include "redis_server.hpp"
#include "standard_models.hpp"

namespace keygate::testing::shared_limits_test {
namespace {

namespace json = boost::json;
using clock = std::chrono::steady_clock;

const std::string master = "shared-master-key-000001";

std::string models() {
  // 5 completion tokens, priced so that each answer costs a few micro-dollars.
  return model_entry("chat", "fake-gpt@tokens=5", "    price: {input: 10, output: 20}\n");
}

std::string access_yaml(unsigned short redis_port, const std::string& on_failure = "open") {
  return "auth:\n"
         "  master_key: " +
         master +
         "\n"
         "  keys:\n"
         "    - {id: paced, key: sk-paced-0001, rpm: 10}\n"
         "    - {id: thrifty, key: sk-thrifty-0001, budget: {usd: 0.005}}\n"
         "redis:\n"
         "  host: 127.0.0.1\n"
         "  port: " +
         std::to_string(redis_port) +
         "\n"
         "  timeout_ms: 200\n"
         "  on_failure: " +
         on_failure + "\n";
}

http_reply chat(unsigned short port, const std::string& secret) {
  return http_call(port, "POST", "/v1/chat/completions",
                   chat_body("chat", false, R"(,"max_tokens":16)"), bearer(secret));
}

class SharedLimits : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    redis = new redis_server();
    a = new gateway_fixture(models(), access_yaml(redis->port()));
    b = new gateway_fixture(models(), access_yaml(redis->port()));
  }
  static void TearDownTestSuite() {
    delete a;
    delete b;
    delete redis;
  }
  static redis_server* redis;
  static gateway_fixture* a;
  static gateway_fixture* b;
};
redis_server* SharedLimits::redis = nullptr;
gateway_fixture* SharedLimits::a = nullptr;
gateway_fixture* SharedLimits::b = nullptr;

TEST_F(SharedLimits, RpmIsOneLimitAcrossTwoInstances) {
  int admitted = 0, refused = 0;
  for (int i = 0; i < 30; ++i) {
    auto reply = chat(i % 2 ? b->port() : a->port(), "sk-paced-0001");
    if (reply.status == 200) ++admitted;
    if (reply.status == 429) ++refused;
  }
  // 10 a minute refill one every 6 s: the 30 calls take well under that.
  EXPECT_EQ(admitted, 10);
  EXPECT_EQ(refused, 20);
}

// `count` requests at once, half to each instance; how many were admitted.
int burst(int count, const std::string& secret) {
  std::atomic<int> ok{0}, unexpected{0};
  std::latch go(1);
  std::vector<std::thread> clients;
  for (int i = 0; i < count; ++i)
    clients.emplace_back([&, i] {
      go.wait();
      auto reply = chat(i % 2 ? SharedLimits::b->port() : SharedLimits::a->port(), secret);
      if (reply.status == 200)
        ++ok;
      else if (reply.status != 429 || reply.body.find("budget_exceeded") == std::string::npos)
        ++unexpected;
    });
  go.count_down();
  for (auto& c : clients) c.join();
  EXPECT_EQ(unexpected.load(), 0);
  return ok.load();
}

TEST_F(SharedLimits, AThousandConcurrentRequestsOverspendByAtMostOne) {
  // A burst of 1000, then smaller bursts until the budget admits nobody: by then it is spent.
  int admitted = burst(1000, "sk-thrifty-0001");
  const int first = admitted;
  for (int round = 0; round < 100; ++round) {
    const int more = burst(20, "sk-thrifty-0001");
    if (more == 0) break;
    admitted += more;
  }
  ASSERT_GT(admitted, 0);
  // Redis holds the sum of the real costs; every answer here costs the same.
  const long long spent = std::stoll(redis->cli("--raw HGET keygate:k:thrifty:b:total s"));
  const long long each = spent / admitted;
  EXPECT_EQ(each * admitted, spent);
  const long long limit = 5'000'000;  // $0.005 in nano-dollars
  EXPECT_GE(spent, limit) << "the budget was not used up";
  EXPECT_LE(spent, limit + each) << "overspent by more than one request";
  std::printf(
      "budget: %d admitted from the burst of 1000, %d in all; spent %lld of %lld "
      "nano-USD (%+lld, one request costs %lld)\n",
      first, admitted, spent, limit, spent - limit, each);
}

TEST_F(SharedLimits, KeysMadeOnOneInstanceWorkAndDieOnTheOther) {
  auto made = http_call(a->port(), "POST", "/admin/keys", R"({"alias":"shared"})", bearer(master));
  ASSERT_EQ(made.status, 201) << made.body;
  auto parsed = json::parse(made.body);
  const std::string secret(parsed.at("key").as_string());
  const std::string id(parsed.at("id").as_string());
  auto wait_for = [&](int status) {
    const auto start = clock::now();
    EXPECT_TRUE(eventually([&] { return chat(b->port(), secret).status == status; }))
        << "instance b never answered " << status;
    return clock::now() - start;
  };
  const auto seen = wait_for(200);
  ASSERT_EQ(http_call(a->port(), "DELETE", "/admin/keys/" + id, "", bearer(master)).status, 200);
  EXPECT_EQ(chat(a->port(), secret).status, 401);  // at once where it was revoked
  const auto gone = wait_for(401);
  EXPECT_LT(gone, time_limit(std::chrono::milliseconds(2500)));
  std::printf(
      "key seen on b after %lld ms, revoked there after %lld ms\n",
      static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(seen).count()),
      static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(gone).count()));
}

TEST(RedisUnreachable, FailOpenAdmitsAndFailClosedRefusesWithoutHanging) {
  const auto dead = free_port();
  gateway_fixture open(models(), access_yaml(dead, "open"));
  gateway_fixture closed(models(), access_yaml(dead, "closed"));
  for (int i = 0; i < 3; ++i) {
    const auto start = clock::now();
    EXPECT_EQ(chat(open.port(), "sk-paced-0001").status, 200);
    auto refused = chat(closed.port(), "sk-paced-0001");
    EXPECT_EQ(refused.status, 503);
    EXPECT_NE(refused.body.find("limits_unavailable"), std::string::npos);
    EXPECT_LT(clock::now() - start, time_limit(std::chrono::seconds(2)));
  }
  EXPECT_NE(open.gateway->log_once_it_has("redis unreachable").find("redis unreachable"),
            std::string::npos);
}

}  // namespace
}  // namespace keygate::testing::shared_limits_test
