// TLS on the listener: server.tls makes the port speak HTTPS only, a plain HTTP client gets a
// clear refusal, a reload installs a new certificate for new connections, and a certificate that
// does not load stops startup or is refused on reload.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <thread>

#include "harness.hpp"
#include "https_client.hpp"
#include "standard_models.hpp"

namespace keygate::testing::listener_tls_test {
namespace {

using std::chrono::milliseconds;

// The certificate files live outside the fixture, which writes its config at construction.
struct tls_files {
  tls_files() { make_self_signed(dir, "cert.pem", "key.pem"); }
  std::string cert() const { return dir.path() + "/cert.pem"; }
  std::string key() const { return dir.path() + "/key.pem"; }
  std::string server_yaml() const {
    return "  tls:\n    cert_file: " + cert() + "\n    key_file: " + key() + "\n";
  }
  // Replaces both files with a fresh pair, each renamed over the old one.
  void renew() const {
    make_self_signed(dir, "next.pem", "next.key");
    std::filesystem::rename(dir.path() + "/next.key", key());
    std::filesystem::rename(dir.path() + "/next.pem", cert());
  }
  temp_dir dir;
};

bool wait_for_log(const process& p, const std::string& text) {
  return p.log_once_it_has(text).find(text) != std::string::npos;
}

TEST(ListenerTls, ServesHealthAndChatOverHttps) {
  tls_files files;
  gateway_fixture env(model_entry("gpt", "fake-gpt"), files.server_yaml());
  https_client client(env.port(), files.cert());
  ASSERT_TRUE(client.connect()) << client.error();
  EXPECT_EQ(client.peer_fingerprint(), file_fingerprint(files.cert()));
  auto health = client.call("GET", "/health");
  EXPECT_EQ(health.status, 200);
  // The same connection carries the next request.
  auto chat = client.call("POST", "/v1/chat/completions", chat_body("gpt"));
  EXPECT_EQ(chat.status, 200) << chat.body;
  EXPECT_NE(chat.body.find("\"chat.completion\""), std::string::npos);
  auto stream =
      https_call(env.port(), files.cert(), "POST", "/v1/chat/completions", chat_body("gpt", true));
  ASSERT_EQ(stream.status, 200);
  auto events = sse_data(stream.body);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back(), "[DONE]");
  const auto log = env.gateway->log_once_it_has("\"tls\":true");
  EXPECT_NE(log.find("\"tls\":true"), std::string::npos);
  // The startup summary: one line per model group, names only, never the key.
  EXPECT_NE(
      log.find(R"("msg":"model group","model":"gpt","strategy":"weighted",)"
               R"("deployments":[{"id":"gpt","provider":"openai","upstream_model":"fake-gpt"}])"),
      std::string::npos)
      << log;
  EXPECT_EQ(log.find("test-key"), std::string::npos);
}

TEST(ListenerTls, PlainHttpIsRefusedClearlyAndHttpsStillServes) {
  tls_files files;
  gateway_fixture env(model_entry("gpt", "fake-gpt"), files.server_yaml());
  auto plain = http_call(env.port(), "GET", "/health");
  EXPECT_EQ(plain.status, 400);
  EXPECT_NE(plain.body.find("https_required"), std::string::npos);
  // Bytes that are neither HTTP nor TLS: the connection just closes.
  EXPECT_EQ(raw_exchange(env.port(), "\x01\x02garbage", time_limit(milliseconds(2000))).find("200"),
            std::string::npos);
  EXPECT_EQ(https_call(env.port(), files.cert(), "GET", "/health").status, 200);
}

TEST(ListenerTls, AClientThatDoesNotTrustTheCertificateFailsTheHandshake) {
  tls_files files;
  temp_dir other;
  make_self_signed(other, "cert.pem", "key.pem");
  gateway_fixture env(model_entry("gpt", "fake-gpt"), files.server_yaml());
  https_client stranger(env.port(), other.path() + "/cert.pem");
  EXPECT_FALSE(stranger.connect());
  EXPECT_EQ(https_call(env.port(), files.cert(), "GET", "/health").status, 200);
}

TEST(ListenerTls, AReloadServesTheNewCertificateToNewConnections) {
  tls_files files;
  gateway_fixture env(model_entry("gpt", "fake-gpt"), files.server_yaml());
  const auto first = file_fingerprint(files.cert());
  https_client before(env.port(), files.cert());
  ASSERT_TRUE(before.connect()) << before.error();
  ASSERT_EQ(before.call("GET", "/health").status, 200);

  // The old certificate stays trusted by the old client; the new one must be named explicitly.
  const auto old_copy = env.dir.write("old.pem", "");
  std::filesystem::copy_file(files.cert(), old_copy,
                             std::filesystem::copy_options::overwrite_existing);
  files.renew();
  const auto second = file_fingerprint(files.cert());
  ASSERT_NE(first, second);
  env.gateway->signal(SIGHUP);
  ASSERT_TRUE(wait_for_log(*env.gateway, "config reloaded"));

  https_client after(env.port(), files.cert());
  ASSERT_TRUE(after.connect()) << after.error();
  EXPECT_EQ(after.peer_fingerprint(), second);
  EXPECT_EQ(after.call("GET", "/health").status, 200);
  // The connection opened before the reload keeps its session and goes on serving.
  EXPECT_EQ(before.peer_fingerprint(), first);
  EXPECT_EQ(before.call("POST", "/v1/chat/completions", chat_body("gpt")).status, 200);
  // A client that trusts only the old certificate now fails on new connections.
  https_client stale(env.port(), old_copy);
  EXPECT_FALSE(stale.connect());
}

TEST(ListenerTls, AReloadWithABrokenKeyIsRefusedAndTheOldCertificateStays) {
  tls_files files;
  gateway_fixture env(model_entry("gpt", "fake-gpt"), files.server_yaml());
  const auto first = file_fingerprint(files.cert());
  const auto good_key = env.dir.write("good.key", "");
  std::filesystem::copy_file(files.key(), good_key,
                             std::filesystem::copy_options::overwrite_existing);
  files.dir.write("key.pem", "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
  env.gateway->signal(SIGHUP);
  ASSERT_TRUE(wait_for_log(*env.gateway, "config reload refused"));
  EXPECT_NE(env.gateway->log().find("server.tls.key_file"), std::string::npos);

  https_client client(env.port(), files.cert());
  ASSERT_TRUE(client.connect()) << client.error();
  EXPECT_EQ(client.peer_fingerprint(), first);
  EXPECT_EQ(client.call("GET", "/health").status, 200);
}

TEST(ListenerTls, ABadCertificateStopsStartupWithAClearError) {
  temp_dir dir;
  make_self_signed(dir, "cert.pem", "key.pem");
  temp_dir other;
  make_self_signed(other, "cert.pem", "key.pem");
  const auto garbage = dir.write("garbage.pem", "this is not a certificate\n");
  const std::string head = "server:\n  host: 127.0.0.1\n  port: 0\n  tls:\n";
  const std::string tail = "models:\n  - name: m\n    provider: mock\n";
  struct case_t {
    std::string cert, key, expect;
  } cases[] = {
      {garbage, dir.path() + "/key.pem", "server.tls.cert_file"},
      {dir.path() + "/cert.pem", other.path() + "/key.pem", "server.tls.key_file"},
      {dir.path() + "/missing.pem", dir.path() + "/key.pem", "cannot read"},
  };
  for (const auto& c : cases) {
    const auto config = dir.write("keygate.yaml", head + "    cert_file: " + c.cert +
                                                      "\n    key_file: " + c.key + "\n" + tail);
    std::string output;
    const int code = run_command(std::string(KEYGATE_BINARY) + " --config " + config, output);
    EXPECT_NE(code, 0) << output;
    EXPECT_NE(output.find(c.expect), std::string::npos) << output;
    EXPECT_EQ(output.find("keygate listening"), std::string::npos) << output;
    EXPECT_NE(run_command(std::string(KEYGATE_BINARY) + " --check-config " + config, output), 0);
    EXPECT_NE(output.find(c.expect), std::string::npos) << output;
  }
}

}  // namespace
}  // namespace keygate::testing::listener_tls_test
