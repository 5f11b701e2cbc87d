// A provider key never reaches a client or a log, not even when the upstream quotes it back.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing {
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
  EXPECT_EQ(post_json(env.port(), "/v1/chat/completions", chat_body("gpt")).status, 200);
  const auto log = env.gateway->log();
  for (const char* piece : {"bad-key-01", "0123456789", "wxyz", "test-key"})
    EXPECT_EQ(log.find(piece), std::string::npos) << piece << " in the log";
}

}  // namespace
}  // namespace keygate::testing
