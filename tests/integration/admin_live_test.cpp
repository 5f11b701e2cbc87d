// The admin's live tail against the real binary: a watcher that leaves is let go at once (not at
// the next keep-alive), and a graceful shutdown ends every tail in good order without waiting out
// its grace period.
#include <gtest/gtest.h>

#include <csignal>
#include <future>

#include "harness.hpp"
#include "metrics_text.hpp"
#include "standard_models.hpp"

namespace keygate::testing::admin_live_test {
namespace {

const std::string master = "master-key-for-live-tests-001";

std::string ask_live() {
  return "GET /admin/live HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + master + "\r\n\r\n";
}

double watchers(const gateway_fixture& env) {
  auto scrape = http_call(env.port(), "GET", "/metrics", "", bearer(master));
  return scrape.status == 200 ? metric_sum(scrape.body, "keygate_admin_live_watchers") : -1;
}

std::string auth_yaml() {
  return "auth:\n  master_key: " + master + "\n";
}

TEST(AdminLive, AWatcherThatLeavesIsLetGoAtOnce) {
  gateway_fixture env(model_entry("chat", "fake-gpt"), auth_yaml());
  ASSERT_EQ(watchers(env), 0);
  auto watched = std::async(std::launch::async, [&] {
    return raw_exchange(env.port(), ask_live(), std::chrono::milliseconds(600));
  });
  EXPECT_TRUE(eventually([&] { return watchers(env) == 1; }));
  const std::string events = watched.get();  // the client closes its socket here
  EXPECT_NE(events.find(": live"), std::string::npos) << events;
  const auto left = std::chrono::steady_clock::now();
  // Well before the 15 s keep-alive that would otherwise find the socket gone.
  EXPECT_TRUE(eventually([&] { return watchers(env) == 0; }, std::chrono::milliseconds(2000)));
  EXPECT_LT(std::chrono::steady_clock::now() - left, time_limit(std::chrono::milliseconds(3000)));
  EXPECT_EQ(chat(env.port(), master, "chat").status, 200);
}

TEST(AdminLive, AGracefulShutdownEndsTheTailsAtOnce) {
  // A long grace period: a tail that held the shutdown up would show as a slow exit.
  gateway_fixture env(model_entry("chat", "fake-gpt"),
                      "  shutdown_grace_ms: 20000\n" + auth_yaml());
  auto watched = std::async(std::launch::async, [&] {
    return raw_exchange(env.port(), ask_live(), std::chrono::milliseconds(15000));
  });
  ASSERT_TRUE(eventually([&] { return watchers(env) == 1; }));
  const auto asked = std::chrono::steady_clock::now();
  env.gateway->signal(SIGTERM);
  EXPECT_EQ(env.gateway->wait(std::chrono::milliseconds(5000)), 0);
  const std::string events = watched.get();
  EXPECT_LT(std::chrono::steady_clock::now() - asked, time_limit(std::chrono::milliseconds(5000)));
  // The stream ended in good order: its last chunk, not a cut connection.
  ASSERT_GE(events.size(), 5u);
  EXPECT_EQ(events.substr(events.size() - 5), "0\r\n\r\n") << events;
}

}  // namespace
}  // namespace keygate::testing::admin_live_test
