// The spend ledger against kill -9: every request whose answer arrived is in it, and a restarted
// gateway starts its budgets from it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::ledger_durability_test {
namespace {

const std::string keys_yaml =
    "auth:\n"
    "  keys:\n"
    "    - {id: busy, key: sk-busy-0001}\n"
    "    - {id: capped, key: sk-capped-0001, budget: {usd: 0.0002, period: monthly}}\n";

std::string models() {
  return model_entry("chat", "fake-gpt@tokens=5", "    price: {input: 1, output: 2}\n") +
         model_entry("slow", "fake-gpt@tokens=3,itl=5", "    price: {input: 1, output: 2}\n");
}

std::set<std::string> ledger_ids(const std::string& path) {
  sqlite3* db = nullptr;
  std::set<std::string> ids;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path;
    return ids;
  }
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT request_id FROM requests", -1, &stmt, nullptr);
  while (sqlite3_step(stmt) == SQLITE_ROW)
    ids.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
  EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "ok");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return ids;
}

std::unique_ptr<process> restart(const gateway_fixture& env) {
  const auto port_file = env.dir.path() + "/keygate2.port";
  return std::make_unique<process>(
      KEYGATE_BINARY,
      std::vector<std::string>{"--config", env.dir.path() + "/keygate.yaml", "--port-file",
                               port_file},
      port_file);
}

TEST(LedgerDurability, KillNineLosesNoAnsweredRequest) {
  gateway_fixture env(models(), keys_yaml);
  std::mutex mutex;
  std::set<std::string> answered;
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c)
    clients.emplace_back([&, c] {
      while (!stop.load()) {
        const bool stream = c % 2 == 1;
        auto reply = http_call(env.port(), "POST", "/v1/chat/completions",
                               chat_body(stream ? "slow" : "chat", stream), bearer("sk-busy-0001"));
        // A whole answer: a 200 with its body, or a stream that reached [DONE].
        if (reply.status != 200 || (stream && reply.body.find("[DONE]") == std::string::npos))
          continue;
        std::lock_guard lock(mutex);
        answered.insert(reply.header("x-request-id"));
      }
    });
  // Kill it mid-load once enough answers arrived, however slow the build.
  eventually(
      [&] {
        std::lock_guard lock(mutex);
        return answered.size() > 40;
      },
      std::chrono::seconds(10));
  env.gateway->signal(SIGKILL);
  stop = true;
  for (auto& c : clients) c.join();
  env.gateway->wait(std::chrono::seconds(5));

  // The next keygate replays what the killed one journaled but had not committed yet.
  auto again = restart(env);
  EXPECT_EQ(http_call(again->port(), "GET", "/health").status, 200);
  again->signal(SIGTERM);
  again->wait(std::chrono::seconds(10));
  const auto recorded = ledger_ids(env.dir.path() + "/keygate-ledger.db");
  ASSERT_GT(answered.size(), 20u);
  std::size_t missing = 0;
  for (const auto& id : answered) missing += recorded.count(id) == 0;
  EXPECT_EQ(missing, 0u) << "of " << answered.size() << " answered requests";
  std::printf("kill -9: %zu answered, %zu recorded, %zu missing\n", answered.size(),
              recorded.size(), missing);
}

TEST(LedgerDurability, ARestartedGatewayRemembersTheSpend) {
  gateway_fixture env(models(), keys_yaml);
  int admitted = 0;
  for (int i = 0; i < 100; ++i) {
    auto reply = http_call(env.port(), "POST", "/v1/chat/completions", chat_body("chat"),
                           bearer("sk-capped-0001"));
    if (reply.status != 200) {
      EXPECT_EQ(reply.status, 429);
      EXPECT_NE(reply.body.find("budget_exceeded"), std::string::npos);
      break;
    }
    ++admitted;
  }
  ASSERT_GT(admitted, 1);
  ASSERT_LT(admitted, 100);
  env.gateway->signal(SIGKILL);
  env.gateway->wait(std::chrono::seconds(5));
  auto again = restart(env);
  auto reply = http_call(again->port(), "POST", "/v1/chat/completions", chat_body("chat"),
                         bearer("sk-capped-0001"));
  EXPECT_EQ(reply.status, 429) << reply.body << again->log() << " admitted " << admitted;
  EXPECT_NE(reply.body.find("budget_exceeded"), std::string::npos);
  EXPECT_EQ(http_call(again->port(), "POST", "/v1/chat/completions", chat_body("chat"),
                      bearer("sk-busy-0001"))
                .status,
            200);
}

}  // namespace
}  // namespace keygate::testing::ledger_durability_test
