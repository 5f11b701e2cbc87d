// `keygate keys create|list|revoke`: the real binary against a running keygate's admin API.
#include <gtest/gtest.h>

#include <regex>

#include "harness.hpp"
#include "https_client.hpp"
#include "standard_models.hpp"

namespace keygate::testing::keys_cli_test {
namespace {

const std::string master = "master-key-for-cli-tests-01";

std::string access_yaml() {
  return "auth:\n  master_key: " + master +
         "\n  teams:\n    - id: small-team\n      budget: {usd: 100}\n"
         "  keys:\n    - {id: alice, key: sk-alice-secret-0001}\n";
}

std::string models() {
  // Priced: the key made here has a budget, and a budget is refused what has no known price.
  const std::string priced = "    price: {input: 1, output: 2}\n";
  return model_entry("chat", "fake-gpt", priced) + model_entry("other", "fake-gpt", priced);
}

struct cli_result {
  int code = 0;
  std::string output;
};

cli_result keygate_cli(const std::string& args, const std::string& env = "") {
  cli_result r;
  r.code = run_command(env + " " + KEYGATE_BINARY + " " + args, r.output);
  return r;
}

class KeysCli : public ::testing::Test {
 public:
  static void SetUpTestSuite() { env = new gateway_fixture(models(), access_yaml()); }
  static void TearDownTestSuite() { delete env; }
  static std::string url() { return "http://127.0.0.1:" + std::to_string(env->port()); }
  static std::string flags() { return " --url " + url() + " --master-key " + master; }
  static gateway_fixture* env;
};
gateway_fixture* KeysCli::env = nullptr;

http_reply chat_with(unsigned short port, const std::string& secret, const std::string& model) {
  return http_call(port, "POST", "/v1/chat/completions", chat_body(model),
                   {{"authorization", "Bearer " + secret}});
}

TEST_F(KeysCli, CreateListAndRevokeAKey) {
  auto made = keygate_cli("keys create" + flags() +
                          " --alias ci --models chat --rpm 100 --tpm 5000 --budget 5"
                          " --period daily --team small-team --expires 30d");
  ASSERT_EQ(made.code, 0) << made.output;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(made.output, m, std::regex("secret: (sk-kg-[A-Za-z0-9_-]+)")))
      << made.output;
  const std::string secret = m[1];
  ASSERT_TRUE(std::regex_search(made.output, m, std::regex("created key (\\S+) \\(ci\\)")));
  const std::string id = m[1];
  EXPECT_EQ(chat_with(env->port(), secret, "chat").status, 200);
  EXPECT_EQ(chat_with(env->port(), secret, "other").status, 404);  // --models chat only

  // Through the environment variables this time.
  const std::string vars = "KEYGATE_URL=" + url() + " KEYGATE_MASTER_KEY=" + master;
  auto listed = keygate_cli("keys list", vars);
  ASSERT_EQ(listed.code, 0) << listed.output;
  EXPECT_NE(listed.output.find("ID"), std::string::npos);
  EXPECT_TRUE(std::regex_search(
      listed.output,
      std::regex(id + "\\s+ci\\s+small-team\\s+chat\\s+100\\s+5000\\s+\\$5\\.00/daily\\s+"
                      "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ\\s+active\\s+api")))
      << listed.output;
  EXPECT_TRUE(std::regex_search(listed.output, std::regex("alice\\s+-\\s+-\\s+all")))
      << listed.output;
  EXPECT_EQ(listed.output.find(secret), std::string::npos);
  EXPECT_EQ(listed.output.find("sk-alice-secret-0001"), std::string::npos);

  // Only what is named changes; the secret keeps working.
  auto updated = keygate_cli("keys update " + id + " --alias nightly --rpm 1", vars);
  ASSERT_EQ(updated.code, 0) << updated.output;
  EXPECT_NE(updated.output.find("updated key " + id), std::string::npos);
  EXPECT_TRUE(std::regex_search(keygate_cli("keys list", vars).output,
                                std::regex(id + "\\s+nightly\\s+small-team\\s+chat\\s+1\\s+5000\\s+"
                                                "\\$5\\.00/daily")));
  EXPECT_EQ(chat_with(env->port(), secret, "chat").status, 200);
  EXPECT_EQ(chat_with(env->port(), secret, "chat").status, 429) << "--rpm 1 applies at once";
  // A new amount keeps the period, and the period can change alone.
  ASSERT_EQ(keygate_cli("keys update " + id + " --budget 7", vars).code, 0);
  EXPECT_TRUE(std::regex_search(keygate_cli("keys list", vars).output,
                                std::regex(id + ".*\\$7\\.00/daily")));
  ASSERT_EQ(keygate_cli("keys update " + id + " --period monthly", vars).code, 0);
  EXPECT_TRUE(std::regex_search(keygate_cli("keys list", vars).output,
                                std::regex(id + ".*\\$7\\.00/monthly")));

  auto revoked = keygate_cli("keys revoke " + id, vars);
  ASSERT_EQ(revoked.code, 0) << revoked.output;
  EXPECT_NE(revoked.output.find("revoked key " + id), std::string::npos);
  EXPECT_EQ(chat_with(env->port(), secret, "chat").status, 401);
  EXPECT_TRUE(
      std::regex_search(keygate_cli("keys list", vars).output, std::regex(id + ".*revoked")));
}

TEST_F(KeysCli, FailuresSayWhatIsWrong) {
  auto refused = keygate_cli("keys list --url http://127.0.0.1:1 --master-key " + master);
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.output.find("refused"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("is it running"), std::string::npos) << refused.output;

  auto wrong = keygate_cli("keys list --url " + url() + " --master-key not-the-master-key");
  EXPECT_EQ(wrong.code, 1);
  EXPECT_NE(wrong.output.find("answered 401"), std::string::npos) << wrong.output;
  EXPECT_NE(wrong.output.find("KEYGATE_MASTER_KEY"), std::string::npos) << wrong.output;

  auto virtual_key = keygate_cli("keys list --url " + url() + " --master-key sk-alice-secret-0001");
  EXPECT_EQ(virtual_key.code, 1);
  EXPECT_NE(virtual_key.output.find("answered 403"), std::string::npos) << virtual_key.output;
  EXPECT_EQ(virtual_key.output.find("sk-alice-secret-0001"), std::string::npos);

  auto missing = keygate_cli("keys revoke key-nope" + flags());
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.output.find("no key with id 'key-nope'"), std::string::npos);
  auto missing_update = keygate_cli("keys update key-nope --rpm 5" + flags());
  EXPECT_EQ(missing_update.code, 1);
  EXPECT_NE(missing_update.output.find("no key with id 'key-nope'"), std::string::npos);
  auto nothing_to_change = keygate_cli("keys update alice" + flags());
  EXPECT_EQ(nothing_to_change.code, 2);
  EXPECT_NE(nothing_to_change.output.find("say what to change"), std::string::npos);
  EXPECT_EQ(keygate_cli("keys update" + flags() + " --rpm 5").code, 2) << "no key id";
  auto from_config = keygate_cli("keys update alice --rpm 5" + flags());
  EXPECT_EQ(from_config.code, 1);
  EXPECT_NE(from_config.output.find("defined in the config file"), std::string::npos)
      << from_config.output;

  auto unknown_model = keygate_cli("keys create --models nope" + flags());
  EXPECT_EQ(unknown_model.code, 1);
  EXPECT_NE(unknown_model.output.find("unknown model"), std::string::npos) << unknown_model.output;

  auto no_master = keygate_cli("keys list --url " + url(), "KEYGATE_MASTER_KEY=");
  EXPECT_EQ(no_master.code, 2);
  EXPECT_NE(no_master.output.find("no master key"), std::string::npos);
  EXPECT_EQ(keygate_cli("keys create --period daily" + flags()).code, 2);
  EXPECT_EQ(keygate_cli("keys create --expires tomorrow" + flags()).code, 2);
  EXPECT_EQ(keygate_cli("keys frobnicate" + flags()).code, 2);
}

TEST(KeysCliTls, TalksToAnHttpsListenerWithItsCa) {
  temp_dir certs;
  make_self_signed(certs, "cert.pem", "key.pem");
  gateway_fixture env(model_entry("chat", "fake-gpt"),
                      "  tls:\n    cert_file: " + certs.path() + "/cert.pem\n    key_file: " +
                          certs.path() + "/key.pem\n" + access_yaml());
  const std::string base =
      "keys list --url https://127.0.0.1:" + std::to_string(env.port()) + " --master-key " + master;
  std::string output;
  EXPECT_EQ(run_command(std::string(KEYGATE_BINARY) + " " + base + " --cacert " + certs.path() +
                            "/cert.pem",
                        output),
            0)
      << output;
  EXPECT_NE(output.find("alice"), std::string::npos);
  // Without the CA the certificate is not trusted.
  EXPECT_EQ(run_command(std::string(KEYGATE_BINARY) + " " + base, output), 1);
  EXPECT_NE(output.find("TLS handshake"), std::string::npos) << output;
  EXPECT_NE(output.find("self-signed certificate"), std::string::npos) << output;
}

}  // namespace
}  // namespace keygate::testing::keys_cli_test
