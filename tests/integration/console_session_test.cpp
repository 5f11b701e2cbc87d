// Signing in and out of the console, the session cookie, CSRF on the console API and on /v1, and a
// session that ends with its key.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "console_client.hpp"
#include "gateway/base/key_hash.hpp"
#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::console_session_test {
namespace {

using std::chrono::milliseconds;

TEST(ConsoleSession, AWrongKeyWaitsThenRefusesTheRightOneSignsInAndOut) {
  gateway_fixture env(console_models_yaml(), console_auth_yaml());
  console_client browser(env.port());

  const auto before = std::chrono::steady_clock::now();
  const auto wrong = browser.sign_in("sk-not-a-key-at-all");
  EXPECT_GE(std::chrono::steady_clock::now() - before, milliseconds(400));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.header("set-cookie"), "");
  EXPECT_EQ(boost::json::parse(wrong.body).at("error").at("code"), "invalid_api_key");
  EXPECT_EQ(browser.sign_in("").status, 401);
  EXPECT_EQ(http_call(env.port(), "POST", "/console/session", "{not json").status, 400);

  const auto state = http_call(env.port(), "GET", "/console/session");
  EXPECT_EQ(boost::json::parse(state.body),
            boost::json::parse(R"({"signed_in": false, "auth_required": true})"));

  const auto signed_in = browser.sign_in(alice_secret);
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  const auto cookie = signed_in.header("set-cookie");
  EXPECT_EQ(cookie,
            "kg_session=" + browser.token() + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200");
  EXPECT_GE(browser.token().size(), 43u);  // 256 random bits
  const auto body = boost::json::parse(signed_in.body);
  EXPECT_EQ(body.at("key"), boost::json::parse(R"({"id": "alice", "alias": null, "team": null,
      "master": false, "models": null, "expires_at": null})"));
  EXPECT_EQ(browser.json("GET", "/console/session"), body);

  // Only the token's hash is stored; the key is stored nowhere.
  std::string dump;
  for (const char* file : {"/keygate-console.db", "/keygate-console.db-wal"}) {
    std::ifstream in(env.dir.path() + file, std::ios::binary);
    dump += std::string(std::istreambuf_iterator<char>(in), {});
  }
  EXPECT_NE(dump.find(keygate::sha256_hex(browser.token())), std::string::npos);
  EXPECT_EQ(dump.find(browser.token()), std::string::npos);
  EXPECT_EQ(dump.find(alice_secret), std::string::npos);

  EXPECT_EQ(browser.call("DELETE", "/console/session", "", false).status, 403);  // no token
  const auto out = browser.call("DELETE", "/console/session");
  EXPECT_EQ(out.status, 200);
  EXPECT_EQ(out.header("set-cookie"), "kg_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
  EXPECT_EQ(browser.call("GET", "/console/conversations").status, 401);
  EXPECT_EQ(browser.call("POST", "/v1/chat/completions", chat_body("gpt")).status, 401);
}

TEST(ConsoleSession, SignInRefusesAnotherOrigin) {
  gateway_fixture env(console_models_yaml(), console_auth_yaml());
  const std::string body = R"({"key":")" + alice_secret + R"("})";
  const std::string host = "127.0.0.1:" + std::to_string(env.port());
  const auto foreign = http_call(env.port(), "POST", "/console/session", body,
                                 {{"host", host}, {"origin", "http://evil.example"}});
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(foreign.header("set-cookie"), "");
  const auto own = http_call(env.port(), "POST", "/console/session", body,
                             {{"host", host}, {"origin", "http://" + host}});
  EXPECT_EQ(own.status, 200) << own.body;
}

TEST(ConsoleSession, EveryChangeByCookieNeedsTheCsrfTokenOnTheConsoleAndOnV1) {
  gateway_fixture env(console_models_yaml(), console_auth_yaml());
  console_client browser(env.port());
  ASSERT_EQ(browser.sign_in(alice_secret).status, 200);

  for (const auto& [method, target] :
       std::vector<std::pair<std::string, std::string>>{{"POST", "/console/conversations"},
                                                        {"PUT", "/console/preferences"},
                                                        {"POST", "/console/import"},
                                                        {"POST", "/v1/chat/completions"},
                                                        {"POST", "/chat/completions"},
                                                        {"POST", "/v1/embeddings"}}) {
    const auto refused = browser.call(method, target, chat_body("gpt"), false);
    EXPECT_EQ(refused.status, 403) << method << " " << target << ": " << refused.body;
    EXPECT_NE(refused.body.find("csrf_failed"), std::string::npos) << refused.body;
    const auto wrong = browser.call(method, target, chat_body("gpt"), false,
                                    {{"x-csrf-token", browser.csrf() + "x"}});
    EXPECT_EQ(wrong.status, 403) << method << " " << target;
  }
  // Reading needs no token.
  EXPECT_EQ(browser.call("GET", "/console/conversations", "", false).status, 200);
  EXPECT_EQ(browser.call("GET", "/v1/models", "", false).status, 200);

  // With it, the console's chat is any client's chat, as alice.
  const auto chat = browser.call("POST", "/v1/chat/completions", chat_body("gpt"));
  EXPECT_EQ(chat.status, 200) << chat.body;
  EXPECT_EQ(browser.call("POST", "/console/conversations", "{}").status, 200);

  // A key sent by the client wins over the cookie and needs no token.
  const auto keyed = browser.call("POST", "/v1/chat/completions", chat_body("gpt"), false,
                                  {{"authorization", "Bearer " + bob_secret}});
  EXPECT_EQ(keyed.status, 200) << keyed.body;
  // The admin API takes the session as the console's pages use it: the master key's, with the
  // token for a change; a virtual key's is still no admin.
  console_client admin(env.port());
  ASSERT_EQ(admin.sign_in(console_master).status, 200);
  EXPECT_EQ(admin.call("GET", "/admin/keys", "", false).status, 200);
  EXPECT_EQ(admin.call("POST", "/admin/keys", R"({"alias": "x"})", false).status, 403);
  EXPECT_EQ(admin.call("POST", "/admin/keys", R"({"alias": "x"})").status, 201);
  EXPECT_EQ(browser.call("GET", "/admin/keys").status, 403);
}

TEST(ConsoleSession, ARevokedKeyEndsItsSessionAtOnce) {
  gateway_fixture env(console_models_yaml(), console_auth_yaml());
  const auto made =
      http_call(env.port(), "POST", "/admin/keys", R"({"alias": "carol"})", bearer(console_master));
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string secret(boost::json::parse(made.body).at("key").as_string());
  const std::string id(boost::json::parse(made.body).at("id").as_string());
  console_client browser(env.port());
  ASSERT_EQ(browser.sign_in(secret).status, 200);
  EXPECT_EQ(browser.call("GET", "/console/account").status, 200);
  EXPECT_EQ(browser.call("POST", "/v1/chat/completions", chat_body("gpt")).status, 200);

  ASSERT_EQ(http_call(env.port(), "DELETE", "/admin/keys/" + id, "", bearer(console_master)).status,
            200);
  const auto after = browser.call("GET", "/console/account");
  EXPECT_EQ(after.status, 401);
  EXPECT_NE(after.body.find("session_expired"), std::string::npos) << after.body;
  EXPECT_EQ(browser.call("POST", "/v1/chat/completions", chat_body("gpt")).status, 401);
  EXPECT_FALSE(
      boost::json::parse(browser.call("GET", "/console/session").body).at("signed_in").as_bool());
}

TEST(ConsoleSession, ARestartKeepsTheSession) {
  gateway_fixture env(console_models_yaml(), console_auth_yaml());
  console_client browser(env.port());
  ASSERT_EQ(browser.sign_in(alice_secret).status, 200);
  const auto made = browser.json("POST", "/console/conversations", R"({"title": "kept"})");

  env.gateway->signal(SIGTERM);
  ASSERT_EQ(env.gateway->wait(time_limit(milliseconds(10000))), 0);
  const std::string port_file = env.dir.path() + "/keygate.port";
  std::remove(port_file.c_str());
  env.gateway = std::make_unique<process>(
      KEYGATE_BINARY,
      std::vector<std::string>{"--config", env.dir.path() + "/keygate.yaml", "--port-file",
                               port_file},
      port_file);
  const auto list = http_call(env.port(), "GET", "/console/conversations", "",
                              {{"cookie", "kg_session=" + browser.token()}});
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(boost::json::parse(list.body).at("conversations").as_array()[0].at("id"),
            made.at("id"));
}

TEST(ConsoleSession, WithNoKeysTheConsoleIsLocalAndStillChecksItsToken) {
  gateway_fixture env(console_models_yaml());
  const auto state = boost::json::parse(http_call(env.port(), "GET", "/console/session").body);
  EXPECT_TRUE(state.at("signed_in").as_bool());
  EXPECT_FALSE(state.at("auth_required").as_bool());
  EXPECT_EQ(state.at("key").at("id"), "local");
  const std::string token(state.at("csrf_token").as_string());
  EXPECT_EQ(http_call(env.port(), "POST", "/console/conversations", "{}").status, 403);
  EXPECT_EQ(http_call(env.port(), "POST", "/console/conversations", "{}", {{"x-csrf-token", token}})
                .status,
            200);
}

}  // namespace
}  // namespace keygate::testing::console_session_test
