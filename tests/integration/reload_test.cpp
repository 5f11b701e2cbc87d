// Configuration reload: SIGHUP or a changed file swaps the configuration with no failed request,
// a broken file is refused, deployment health carries over, and the price override file and the
// response cache's memory bound apply at once.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <thread>

#include "harness.hpp"
#include "https_client.hpp"
#include "metrics_text.hpp"
#include "standard_models.hpp"

namespace keygate::testing::reload_test {
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

bool lists(unsigned short port, const std::string& model) {
  auto ids = model_ids(port);
  return std::find(ids.begin(), ids.end(), model) != ids.end();
}

bool ok(const http_reply& reply, bool stream) {
  if (reply.status != 200) return false;
  if (!stream) return reply.body.find("\"chat.completion\"") != std::string::npos;
  auto data = sse_data(reply.body);
  return !data.empty() && data.back() == "[DONE]";
}

// Three clients sending chat requests, streamed and not by turns, until stopped; counts answers
// and keeps the first failure. Stops and joins its threads on destruction too, so a failed
// assertion never leaves a thread running.
class chat_load {
 public:
  using send_fn = std::function<http_reply(bool stream)>;
  explicit chat_load(send_fn send) {
    for (int c = 0; c < 3; ++c)
      clients_.emplace_back([this, send, c] {
        for (int i = 0; running_; ++i) {
          const bool stream = (i + c) % 2 == 0;
          auto reply = send(stream);
          ++sent_;
          if (ok(reply, stream)) continue;
          if (++failed_ == 1) {
            std::lock_guard lock(mutex_);
            first_failure_ = std::to_string(reply.status) + " " + reply.body;
          }
        }
      });
  }
  ~chat_load() { stop(); }
  chat_load(const chat_load&) = delete;
  chat_load& operator=(const chat_load&) = delete;

  int sent() const { return sent_.load(); }
  // Waits until `more` answers came back after this call, however slow the build.
  void wait_for_answers(int more) const {
    const int target = sent_.load() + more;
    eventually([&] { return sent_.load() >= target; });
  }
  void stop() {
    running_ = false;
    for (auto& t : clients_)
      if (t.joinable()) t.join();
  }
  std::string failures() const {
    std::lock_guard lock(mutex_);
    return std::to_string(failed_.load()) + " of " + std::to_string(sent_.load()) +
           " failed; the first: " + first_failure_;
  }
  int failed() const { return failed_.load(); }

 private:
  std::atomic<bool> running_{true};
  std::atomic<int> sent_{0}, failed_{0};
  mutable std::mutex mutex_;
  std::string first_failure_;
  std::vector<std::thread> clients_;
};

TEST(Reload, RepeatedReloadsUnderLoadFailNoRequest) {
  const std::string base = model_entry("gpt", "fake-gpt@itl=20,tokens=6");
  gateway_fixture env(base);
  chat_load load([&](bool stream) {
    return post_json(env.port(), "/v1/chat/completions", chat_body("gpt", stream));
  });
  for (int round = 0; round < 10; ++round) {
    const std::string name = "extra-" + std::to_string(round);
    env.rewrite_config(base + model_entry(name, "fake-gpt"));
    env.gateway->signal(SIGHUP);
    // The reload is in once its model is listed; then it overlaps a few more answers.
    ASSERT_TRUE(eventually([&] { return lists(env.port(), name); })) << "round " << round;
    load.wait_for_answers(4);
  }
  load.stop();
  EXPECT_EQ(load.failed(), 0) << load.failures();
  EXPECT_GT(load.sent(), 30);
  auto ids = model_ids(env.port());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "extra-9"), ids.end());
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "extra-8"), ids.end());
  EXPECT_GE(config_state(env.port()).at("reloads").as_int64(), 10);
  EXPECT_EQ(config_state(env.port()).at("failed_reloads").as_int64(), 0);
}

// Keys and the listener's certificate are swapped by every reload while clients keep opening TLS
// connections and presenting keys: each handshake reads the certificate in force, each request the
// key registry in force. Under ThreadSanitizer a racy swap stops keygate (exit 66) and every later
// request fails.
TEST(Reload, KeysAndCertificateReplacedUnderConcurrentRequestsFailNoRequest) {
  temp_dir certs;
  make_self_signed(certs, "a.pem", "a.key");
  make_self_signed(certs, "b.pem", "b.key");
  // Clients trust both certificates: whichever a reload installed, the handshake succeeds.
  const std::string trusted = certs.path() + "/trusted.pem";
  {
    std::ofstream out(trusted);
    out << std::ifstream(certs.path() + "/a.pem").rdbuf()
        << std::ifstream(certs.path() + "/b.pem").rdbuf();
  }
  const std::string cert = certs.path() + "/cert.pem", key = certs.path() + "/key.pem";
  auto install = [&](const std::string& pair) {
    std::filesystem::copy_file(certs.path() + "/" + pair + ".pem", cert,
                               std::filesystem::copy_options::overwrite_existing);
    std::filesystem::copy_file(certs.path() + "/" + pair + ".key", key,
                               std::filesystem::copy_options::overwrite_existing);
  };
  install("a");
  const std::string server_yaml =
      "  tls:\n    cert_file: " + cert + "\n    key_file: " + key + "\n";
  auto auth_yaml = [](int round) {
    return "auth:\n  master_key: sk-master-reload\n  keys:\n"
           "    - {id: steady, key: sk-steady-0001}\n"
           "    - {id: round, key: sk-round-" +
           std::to_string(round) + "}\n";
  };
  const std::string models = model_entry("gpt", "fake-gpt@itl=5,tokens=4");
  gateway_fixture env(models, server_yaml + auth_yaml(0));
  const auto with_key = [](const std::string& secret) {
    return std::map<std::string, std::string>{{"authorization", "Bearer " + secret}};
  };
  // A fresh connection each time: every handshake takes the certificate in force.
  chat_load load([&](bool stream) {
    return https_call(env.port(), trusted, "POST", "/v1/chat/completions", chat_body("gpt", stream),
                      with_key("sk-steady-0001"));
  });
  constexpr int rounds = 12;
  for (int round = 1; round <= rounds; ++round) {
    install(round % 2 ? "b" : "a");
    env.rewrite_config(models, server_yaml + auth_yaml(round));
    env.gateway->signal(SIGHUP);
    // The reload is in once the new round's key is admitted; the previous round's is then refused.
    const auto round_key = with_key("sk-round-" + std::to_string(round));
    ASSERT_TRUE(eventually([&] {
      return https_call(env.port(), trusted, "GET", "/v1/models", "", round_key).status == 200;
    })) << "round "
        << round << "'s key never became valid; " << load.failures();
    EXPECT_EQ(https_call(env.port(), trusted, "GET", "/v1/models", "",
                         with_key("sk-round-" + std::to_string(round - 1)))
                  .status,
              401);
    load.wait_for_answers(2);
  }
  load.stop();
  EXPECT_EQ(load.failed(), 0) << load.failures();
  EXPECT_GT(load.sent(), 2 * rounds);
  https_client last(env.port(), trusted);
  ASSERT_TRUE(last.connect()) << last.error();
  EXPECT_EQ(last.peer_fingerprint(), file_fingerprint(certs.path() + "/a.pem"));
  auto ready = json::parse(https_call(env.port(), trusted, "GET", "/health/ready").body);
  // The file watcher may have picked a change up before the signal did: at least one per round.
  EXPECT_GE(ready.at("config").at("reloads").as_int64(), rounds);
}

TEST(Reload, ABrokenFileIsRefusedAndTheRunningConfigurationStays) {
  gateway_fixture env(model_entry("gpt", "fake-gpt"));
  env.rewrite_config("  - name: broken\n    provider: nowhere\n");
  env.gateway->signal(SIGHUP);
  EXPECT_TRUE(
      eventually([&] { return config_state(env.port()).at("failed_reloads").as_int64() >= 1; }));
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
  EXPECT_TRUE(eventually([&] { return lists(env.port(), "newcomer"); }));
  EXPECT_EQ(post_json(env.port(), "/v1/chat/completions", chat_body("newcomer")).status, 200);
}

std::string prices_yaml(int input, int output) {
  return "providers:\n  openai:\n    models:\n      fake-gpt: {input: " + std::to_string(input) +
         ", output: " + std::to_string(output) + "}\n";
}

// The `prices:` file is read again by a reload (a changed file re-prices the next request, a
// broken one refuses the reload), and `cache.max_bytes` bounds the response cache at once.
TEST(Reload, ThePriceFileAndTheCacheBoundApplyOnReload) {
  temp_dir files;
  const auto prices = files.write("prices.yaml", prices_yaml(1000, 2000));
  const auto models = model_entry("billed", "fake-gpt@tokens=6") +
                      model_entry("kept", "fake-gpt@tokens=6", "    cache: true\n");
  gateway_fixture env(models, "prices: " + prices + "\ncache:\n  max_bytes: 1000000\n");
  auto cost_of_a_request = [&] {
    auto reply = post_json(env.port(), "/v1/chat/completions", chat_body("billed"));
    return reply.status == 200 ? std::stod(reply.header("x-keygate-cost-usd")) : -1.0;
  };
  const double before = cost_of_a_request();
  ASSERT_GT(before, 0);
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(post_json(env.port(), "/v1/chat/completions",
                        chat_body("kept", false,
                                  R"(,"temperature":0,"max_tokens":)" + std::to_string(10 + i)))
                  .status,
              200);
  auto cache_bytes = [&] {
    return metric_sum(http_call(env.port(), "GET", "/metrics").body, "keygate_cache_bytes");
  };
  ASSERT_TRUE(eventually([&] { return cache_bytes() > 0; }));

  files.write("prices.yaml", prices_yaml(2000, 4000));
  env.rewrite_config(models, "prices: " + prices + "\ncache:\n  max_bytes: 1\n");
  env.gateway->signal(SIGHUP);
  EXPECT_TRUE(eventually([&] { return std::abs(cost_of_a_request() - 2 * before) < 1e-12; }));
  EXPECT_TRUE(eventually([&] { return cache_bytes() == 0; }));

  const auto refused = config_state(env.port()).at("failed_reloads").as_int64();
  files.write("prices.yaml", "providers:\n  openai:\n    models:\n      fake-gpt: {input: 1}\n");
  env.gateway->signal(SIGHUP);
  EXPECT_TRUE(eventually(
      [&] { return config_state(env.port()).at("failed_reloads").as_int64() > refused; }));
  EXPECT_NEAR(cost_of_a_request(), 2 * before, 1e-12);  // the running prices stay
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
  ASSERT_TRUE(eventually([&] { return lists(env.port(), "other"); }));
  auto reply = post_json(env.port(), "/v1/chat/completions", chat_body("down"));
  EXPECT_EQ(reply.status, 503) << "still benched after the reload: " << reply.body;
  EXPECT_EQ(post_json(env.port(), "/v1/chat/completions", chat_body("other")).status, 200);
}

}  // namespace
}  // namespace keygate::testing::reload_test
