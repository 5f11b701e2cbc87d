// Configuration reload: SIGHUP or a changed file swaps the configuration with no failed request,
// a broken file is refused, and deployment health carries over.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <mutex>
#include <thread>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing {
namespace {

namespace json = boost::json;
using std::chrono::milliseconds;

std::vector<std::string> model_ids(unsigned short port) {
  std::vector<std::string> ids;
  auto list = json::parse(http_call(port, "GET", "/v1/models").body);
  for (auto& m : list.at("data").as_array()) ids.emplace_back(m.at("id").as_string());
  return ids;
}

json::object config_state(unsigned short port) {
  return json::parse(http_call(port, "GET", "/health/ready").body).at("config").as_object();
}

bool ok(const http_reply& reply, bool stream) {
  if (reply.status != 200) return false;
  if (!stream) return reply.body.find("\"chat.completion\"") != std::string::npos;
  auto data = sse_data(reply.body);
  return !data.empty() && data.back() == "[DONE]";
}

TEST(Reload, RepeatedReloadsUnderLoadFailNoRequest) {
  const std::string base = model_entry("gpt", "fake-gpt@itl=20,tokens=6");
  gateway_fixture env(base);
  std::atomic<bool> running{true};
  std::atomic<int> sent{0}, failed{0};
  std::mutex first_failure_mutex;
  std::string first_failure;
  std::vector<std::thread> clients;
  for (int c = 0; c < 3; ++c)
    clients.emplace_back([&, c] {
      for (int i = 0; running; ++i) {
        const bool stream = (i + c) % 2 == 0;
        auto reply = post_json(env.port(), "/v1/chat/completions", chat_body("gpt", stream));
        ++sent;
        if (ok(reply, stream)) continue;
        if (++failed == 1) {
          std::lock_guard lock(first_failure_mutex);
          first_failure = std::to_string(reply.status) + " " + reply.body;
        }
      }
    });
  for (int round = 0; round < 10; ++round) {
    const std::string extra = model_entry("extra-" + std::to_string(round), "fake-gpt");
    const int sent_before = sent.load();
    env.rewrite_config(base + extra);
    env.gateway->signal(SIGHUP);
    std::this_thread::sleep_for(milliseconds(150));
    // Each reload overlaps traffic, however slow the build: wait for a few more answers.
    const auto give_up = std::chrono::steady_clock::now() + time_limit(milliseconds(3000));
    while (sent.load() < sent_before + 4 && std::chrono::steady_clock::now() < give_up)
      std::this_thread::sleep_for(milliseconds(10));
  }
  running = false;
  for (auto& t : clients) t.join();
  std::lock_guard lock(first_failure_mutex);
  EXPECT_EQ(failed.load(), 0) << "of " << sent.load() << "; the first: " << first_failure;
  EXPECT_GT(sent.load(), 30);
  auto ids = model_ids(env.port());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "extra-9"), ids.end());
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "extra-8"), ids.end());
  EXPECT_GE(config_state(env.port()).at("reloads").as_int64(), 10);
  EXPECT_EQ(config_state(env.port()).at("failed_reloads").as_int64(), 0);
}

TEST(Reload, ABrokenFileIsRefusedAndTheRunningConfigurationStays) {
  gateway_fixture env(model_entry("gpt", "fake-gpt"));
  env.rewrite_config("  - name: broken\n    provider: nowhere\n");
  env.gateway->signal(SIGHUP);
  const auto give_up = std::chrono::steady_clock::now() + time_limit(milliseconds(3000));
  while (config_state(env.port()).at("failed_reloads").as_int64() < 1 &&
         std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(milliseconds(50));
  EXPECT_EQ(post_json(env.port(), "/v1/chat/completions", chat_body("gpt")).status, 200);
  EXPECT_GE(config_state(env.port()).at("failed_reloads").as_int64(), 1);
  auto log = env.gateway->log_once_it_has("unknown provider 'nowhere'");
  EXPECT_NE(log.find("config reload refused"), std::string::npos);
  EXPECT_NE(log.find("unknown provider 'nowhere'"), std::string::npos);
  // The refusal is counted in /metrics too (the file watcher may have seen the change as well).
  const std::string metrics = http_call(env.port(), "GET", "/metrics").body;
  const std::string refused = "keygate_config_reloads_total{result=\"refused\"} ";
  const auto at = metrics.find(refused);
  ASSERT_NE(at, std::string::npos) << metrics;
  EXPECT_GE(std::stod(metrics.substr(at + refused.size())), 1.0);
}

TEST(Reload, AChangedFileIsPickedUpWithoutASignal) {
  gateway_fixture env(model_entry("gpt", "fake-gpt"));
  env.rewrite_config(model_entry("gpt", "fake-gpt") + model_entry("newcomer", "fake-gpt"));
  bool seen = false;
  for (int i = 0; i < 40 && !seen; ++i) {
    std::this_thread::sleep_for(milliseconds(100));
    auto ids = model_ids(env.port());
    seen = std::find(ids.begin(), ids.end(), "newcomer") != ids.end();
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(post_json(env.port(), "/v1/chat/completions", chat_body("newcomer")).status, 200);
}

TEST(Reload, HealthOfUnchangedDeploymentsCarriesOver) {
  const std::string models =
      "  - name: down\n    provider: openai\n    model: fake-gpt\n"
      "    api_base: http://127.0.0.1:1/v1\n    api_key: k\n";
  const std::string router = "router:\n  retries: 0\n  cooldown: {failures: 1, period_ms: 60000}\n";
  gateway_fixture env(models, router);
  EXPECT_EQ(post_json(env.port(), "/v1/chat/completions", chat_body("down")).status, 502);
  env.rewrite_config(models + model_entry("other", "fake-gpt"), router);
  env.gateway->signal(SIGHUP);
  std::this_thread::sleep_for(milliseconds(300));
  auto reply = post_json(env.port(), "/v1/chat/completions", chat_body("down"));
  EXPECT_EQ(reply.status, 503) << "still benched after the reload: " << reply.body;
  EXPECT_EQ(post_json(env.port(), "/v1/chat/completions", chat_body("other")).status, 200);
}

}  // namespace
}  // namespace keygate::testing
