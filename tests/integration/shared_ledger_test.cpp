// Two keygate instances sharing one real Redis and one real PostgreSQL ledger: one spend report
// for the fleet, nothing answered lost when an instance is killed or PostgreSQL goes away.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <cmath>
#include <mutex>
#include <set>
#include <thread>

#include "harness.hpp"
#include "metrics_text.hpp"
#include "redis_server.hpp"
#include "standard_models.hpp"
#include "tests/support/postgres_server.hpp"

namespace keygate::testing::shared_ledger_test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using clock = std::chrono::steady_clock;

const std::string master = "ledger-master-key-000001";
const std::string secret = "sk-spender-0001";

std::string models() {
  return model_entry("chat", "fake-gpt@tokens=5", "    price: {input: 10, output: 20}\n");
}

std::string access_yaml(unsigned short redis_port, const postgres_server& pg) {
  return "auth:\n  master_key: " + master + "\n  keys:\n    - {id: spender, key: " + secret +
         "}\nredis:\n  host: 127.0.0.1\n  port: " + std::to_string(redis_port) +
         "\nledger:\n  postgres:\n    url: " + pg.url() + "\n    timeout_ms: 500\n";
}

// What the clients saw: every answered request's id and the sum of its x-keygate-cost-usd.
struct answers {
  std::mutex mutex;
  std::set<std::string> ids;
  long long cost_nanos = 0;
  std::atomic<int> sent{0}, failed{0}, unreached{0};  // sent: keygate answered

  void take(const http_reply& reply) {
    if (reply.status == 0) {  // never reached keygate (the killed instance): nothing to record
      ++unreached;
      return;
    }
    ++sent;
    if (reply.status != 200) {
      ++failed;
      return;
    }
    std::lock_guard lock(mutex);
    ids.insert(reply.header("x-request-id"));
    cost_nanos += std::llround(std::stod(reply.header("x-keygate-cost-usd")) * 1e9);
  }
};

http_reply ask(unsigned short port) {
  return http_call(port, "POST", "/v1/chat/completions",
                   chat_body("chat", false, R"(,"max_tokens":16)"), bearer(secret));
}

// `threads` clients, each alternating between the ports, until `stop` is set.
class load {
 public:
  load(std::vector<unsigned short> ports, int threads, answers& out) {
    for (int t = 0; t < threads; ++t)
      clients_.emplace_back([this, ports, t, &out] {
        for (std::size_t i = t; !stop_; ++i) out.take(ask(ports[i % ports.size()]));
      });
  }
  ~load() { finish(); }
  void finish() {
    stop_ = true;
    for (auto& c : clients_)
      if (c.joinable()) c.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::vector<std::thread> clients_;
};

json::value spend(unsigned short port) {
  auto reply = http_call(port, "GET", "/admin/spend?group_by=key", "", bearer(master));
  if (reply.status != 200) return nullptr;
  return json::parse(reply.body);
}

long long total(const json::value& report, const char* field) {
  long long sum = 0;
  for (const auto& row : report.at("data").as_array()) sum += row.at(field).to_number<long long>();
  return sum;
}

double metric(unsigned short port, const std::string& name) {
  auto reply = http_call(port, "GET", "/metrics", "", bearer(master));
  return metric_sum(reply.body, name);
}

// Every answered request id is a row, and no request id has two rows.
void expect_all_recorded_once(const postgres_server& pg, answers& seen) {
  EXPECT_EQ(pg.count("SELECT count(*) - count(DISTINCT request_id) FROM requests"), 0)
      << "a request was recorded twice";
  std::set<std::string> stored;
  std::istringstream lines(pg.psql("SELECT request_id FROM requests WHERE status = 200"));
  for (std::string line; std::getline(lines, line);) stored.insert(line);
  std::size_t missing = 0;
  for (const auto& id : seen.ids) missing += stored.count(id) ? 0 : 1;
  EXPECT_EQ(missing, 0u) << "answered requests missing from the ledger, of " << seen.ids.size();
}

class SharedLedger : public ::testing::Test {
 protected:
  void SetUp() override {
    KEYGATE_NEED_POSTGRES();
    pg = std::make_unique<postgres_server>();
    redis = std::make_unique<redis_server>();
    a = std::make_unique<gateway_fixture>(models(), access_yaml(redis->port(), *pg));
    b = std::make_unique<gateway_fixture>(models(), access_yaml(redis->port(), *pg));
  }
  void TearDown() override {
    a.reset();
    b.reset();
    redis.reset();
    pg.reset();
  }
  std::unique_ptr<postgres_server> pg;
  std::unique_ptr<redis_server> redis;
  std::unique_ptr<gateway_fixture> a, b;
};

TEST_F(SharedLedger, TwoInstancesUnderLoadReportTheSameSpendAsTheAnswersCost) {
  answers seen;
  {
    load clients({a->port(), b->port()}, 8, seen);
    ASSERT_TRUE(eventually([&] { return seen.sent >= 600; }, 60s));
  }
  ASSERT_GT(seen.ids.size(), 0u);
  ASSERT_TRUE(eventually(
      [&] {
        auto report = spend(a->port());
        return !report.is_null() && total(report, "requests") == seen.sent.load();
      },
      10s))
      << "the ledger never held every request sent (" << seen.sent << ")";
  const auto from_a = spend(a->port());
  const auto from_b = spend(b->port());
  EXPECT_EQ(from_a, from_b);
  EXPECT_EQ(total(from_a, "cost_nanos"), seen.cost_nanos);
  expect_all_recorded_once(*pg, seen);
  std::printf("two instances: %d requests, %zu answered, %lld nano-USD in both reports\n",
              seen.sent.load(), seen.ids.size(), seen.cost_nanos);
}

TEST_F(SharedLedger, PostgresStoppedForTenSecondsUnderLoadLosesAndDoublesNothing) {
  answers seen;
  {
    load clients({a->port(), b->port()}, 4, seen);
    ASSERT_TRUE(eventually([&] { return seen.sent >= 100; }, 30s));
    pg->stop();
    const auto stopped = clock::now();
    // Requests keep being served meanwhile (on_failure: serve); their records spool.
    const int before = seen.sent;
    ASSERT_TRUE(eventually(
        [&] {
          return metric(a->port(), "keygate_ledger_spool_depth") > 0 &&
                 metric(b->port(), "keygate_ledger_spool_depth") > 0;
        },
        10s));
    // The outage itself lasts ten seconds: the scenario, not a wait for an event.
    std::this_thread::sleep_until(stopped + 10s);
    EXPECT_GT(seen.sent - before, 50) << "requests were not served while PostgreSQL was away";
    pg->start();
    const int after_start = seen.sent;
    ASSERT_TRUE(eventually([&] { return seen.sent >= after_start + 100; }, 30s));
  }
  EXPECT_EQ(seen.failed.load(), 0);
  ASSERT_TRUE(eventually(
      [&] {
        return metric(a->port(), "keygate_ledger_spool_depth") == 0 &&
               metric(b->port(), "keygate_ledger_spool_depth") == 0;
      },
      30s));
  EXPECT_NE(a->gateway->log_once_it_has("ledger spooling").find("ledger spooling"),
            std::string::npos);
  EXPECT_NE(a->gateway->log_once_it_has("ledger spool drained").find("ledger spool drained"),
            std::string::npos);
  ASSERT_TRUE(eventually(
      [&] { return pg->count("SELECT count(*) FROM requests") == seen.sent.load(); }, 10s))
      << pg->count("SELECT count(*) FROM requests") << " rows for " << seen.sent << " requests";
  expect_all_recorded_once(*pg, seen);
  auto report = spend(b->port());
  EXPECT_EQ(total(report, "cost_nanos"), seen.cost_nanos);
}

// The admin API on the PostgreSQL ledger: what it can read it answers; what it cannot yet is a
// 501 naming it (never an answer from a local file); PostgreSQL away is a 503.
TEST_F(SharedLedger, AdminReadsItCannotAnswerYetAre501AndAServerAwayIs503) {
  ASSERT_EQ(ask(a->port()).status, 200);
  ASSERT_TRUE(eventually([&] { return pg->count("SELECT count(*) FROM requests") == 1; }, 10s));
  auto get = [&](const std::string& target) {
    return http_call(a->port(), "GET", target, "", bearer(master));
  };
  auto code_of = [](const http_reply& reply) {
    return std::string(json::parse(reply.body).at("error").at("code").as_string());
  };
  auto message_of = [](const http_reply& reply) {
    return std::string(json::parse(reply.body).at("error").at("message").as_string());
  };
  for (const auto& target : {"/admin/spend?group_by=key", "/admin/spend?group_by=team",
                             "/admin/spend?group_by=day", "/admin/spend?group_by=end_user",
                             "/admin/budgets", "/admin/models"}) {
    auto reply = get(target);
    EXPECT_EQ(reply.status, 200) << target << ": " << reply.body;
  }
  const std::vector<std::pair<std::string, std::string>> unsupported{
      {"/admin/spend?group_by=provider", "spend by provider"},
      {"/admin/spend?group_by=day,model", "spend by two dimensions"},
      {"/admin/spend?deployment=x", "the deployment filter on spend"},
      {"/admin/requests", "the requests page"},
      {"/admin/requests/some-id", "one request's detail"}};
  for (const auto& [target, what] : unsupported) {
    auto reply = get(target);
    ASSERT_EQ(reply.status, 501) << target << ": " << reply.body;
    EXPECT_EQ(code_of(reply), "ledger_unsupported") << target;
    EXPECT_NE(message_of(reply).find(what), std::string::npos) << message_of(reply);
    EXPECT_NE(message_of(reply).find("PostgreSQL"), std::string::npos) << message_of(reply);
  }
  pg->stop();
  for (const auto& target : {"/admin/spend?group_by=key", "/admin/spend?group_by=end_user"}) {
    auto reply = get(target);
    ASSERT_EQ(reply.status, 503) << target << ": " << reply.body;
    EXPECT_EQ(code_of(reply), "ledger_unavailable") << target;
  }
  EXPECT_EQ(get("/admin/spend?group_by=provider").status, 501);
  pg->start();
}

TEST_F(SharedLedger, KillNineUnderLoadLosesNoAnsweredRequest) {
  answers seen;
  {
    load clients({a->port()}, 6, seen);
    ASSERT_TRUE(eventually([&] { return seen.sent >= 300; }, 60s));
    a->gateway->signal(SIGKILL);
    ASSERT_EQ(a->gateway->wait(5s), -SIGKILL);
  }
  ASSERT_GT(seen.ids.size(), 0u);
  // An answer's last bytes left only after its record was in PostgreSQL.
  expect_all_recorded_once(*pg, seen);
}

}  // namespace
}  // namespace keygate::testing::shared_ledger_test
