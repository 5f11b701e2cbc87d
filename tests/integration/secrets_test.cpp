// A provider key never reaches a client or a log, not even when the upstream quotes it back.
#include <gtest/gtest.h>

#include "console_client.hpp"
#include "harness.hpp"
#include "ollama_models.hpp"
#include "standard_models.hpp"

namespace keygate::testing::secrets_test {
namespace {

const std::string refused_key = "bad-key-0123456789abcdef-wxyz";

TEST(Secrets, AnUpstreamThatQuotesTheRefusedKeyIsScrubbed) {
  // Two models with the refused key: a 401 benches its deployment, so each is asked once.
  auto refused_model = [](const std::string& name) {
    return "  - name: " + name + "\n    provider: openai\n    model: fake-gpt\n" +
           "    api_base: FAKE\n    api_key: " + refused_key + "\n";
  };
  gateway_fixture env(model_entry("gpt", "fake-gpt") + refused_model("gpt-badkey") +
                      refused_model("gpt-badkey-stream"));
  // The fake, like OpenAI, quotes the key it refused (its middle masked).
  auto direct =
      http_call(env.fake.port(), "POST", "/v1/chat/completions", chat_body("fake-gpt"),
                {{"authorization", "Bearer " + refused_key}, {"content-type", "application/json"}});
  ASSERT_EQ(direct.status, 401);
  ASSERT_NE(direct.body.find("*wxyz."), std::string::npos) << direct.body;

  for (bool stream : {false, true}) {
    auto reply = post_json(env.port(), "/v1/chat/completions",
                           chat_body(stream ? "gpt-badkey-stream" : "gpt-badkey", stream));
    EXPECT_EQ(reply.status, 401) << reply.body;
    EXPECT_NE(reply.body.find("Incorrect API key provided: [redacted]."), std::string::npos)
        << reply.body;
    for (const char* piece : {"bad-key-01", "0123456789", "wxyz"})
      EXPECT_EQ(reply.body.find(piece), std::string::npos) << piece << " in " << reply.body;
  }
  const auto last = post_json(env.port(), "/v1/chat/completions", chat_body("gpt"));
  EXPECT_EQ(last.status, 200);
  // Once this request's line is in, so is every line before it.
  const auto log = env.gateway->log_once_it_has(last.header("x-request-id"));
  EXPECT_NE(log.find(last.header("x-request-id")), std::string::npos);
  for (const char* piece : {"bad-key-01", "0123456789", "wxyz", "test-key"})
    EXPECT_EQ(log.find(piece), std::string::npos) << piece << " in the log";
}

TEST(Secrets, AnErrorEventInsideAStreamIsScrubbedToo) {
  // A hosted Ollama whose key the error line happens to quote: the fake ends the stream with
  // "an error was encountered while running the model".
  const std::string key = "encountered while running";
  gateway_fixture env(
      ollama_entry("hosted", "llama3.2@stream_error=1,tokens=4", "    api_key: " + key + "\n"));
  auto reply = post_json(env.port(), "/v1/chat/completions", chat_body("hosted", true));
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto data = sse_data(reply.body);
  ASSERT_GE(data.size(), 2u) << reply.body;
  EXPECT_NE(reply.body.find("tok1"), std::string::npos) << "the tokens before it went out";
  EXPECT_NE(data.back().find(R"("message":"an error was [redacted] the model")"), std::string::npos)
      << data.back();
  EXPECT_EQ(reply.body.find(key), std::string::npos) << reply.body;
  const auto log = env.gateway->log_once_it_has(reply.header("x-request-id"));
  EXPECT_NE(log.find(reply.header("x-request-id")), std::string::npos);
  EXPECT_EQ(log.find(key), std::string::npos) << "the key in the log";
}

TEST(Secrets, TheConsoleSessionTokenAndTheKeyBehindItNeverLeave) {
  gateway_fixture env(console_models_yaml(), console_auth_yaml());
  console_client browser(env.port());
  ASSERT_EQ(browser.sign_in(alice_secret).status, 200);
  const std::string token = browser.token();
  const std::string forged = "forged-session-token-0123456789abcdefghijklm";
  std::vector<http_reply> replies;
  replies.push_back(browser.call("POST", "/v1/chat/completions", chat_body("gpt")));
  replies.push_back(browser.call("POST", "/v1/chat/completions", chat_body("gpt", true)));
  replies.push_back(browser.call("POST", "/v1/chat/completions", chat_body("gpt"), false));
  replies.push_back(browser.call("POST", "/v1/chat/completions", chat_body("no-such-model")));
  replies.push_back(browser.call("GET", "/console/nowhere"));
  replies.push_back(http_call(env.port(), "POST", "/v1/chat/completions", chat_body("gpt"),
                              {{"cookie", "kg_session=" + forged}}));
  replies.push_back(
      http_call(env.port(), "GET", "/console/account", "", {{"cookie", "kg_session=" + forged}}));
  replies.push_back(http_call(env.port(), "GET", "/admin/keys", "", bearer(console_master)));
  replies.push_back(http_call(env.port(), "GET", "/metrics", ""));
  replies.push_back(http_call(env.port(), "GET", "/health/ready", ""));
  replies.push_back(browser.call("DELETE", "/console/session"));
  for (const auto& reply : replies)
    for (const auto& secret : {token, forged, alice_secret})
      EXPECT_EQ(reply.body.find(secret), std::string::npos) << secret << " in " << reply.body;
  const auto last = browser.call("POST", "/v1/chat/completions", chat_body("gpt"), true,
                                 {{"authorization", "Bearer " + alice_secret}});
  ASSERT_EQ(last.status, 200);
  // Once this request's line is in, so is every line before it.
  const auto log = env.gateway->log_once_it_has(last.header("x-request-id"));
  EXPECT_NE(log.find("console sign-in"), std::string::npos);
  for (const auto& secret : {token, forged, alice_secret, console_master})
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in the log";
}

}  // namespace
}  // namespace keygate::testing::secrets_test
