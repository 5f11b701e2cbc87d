// OpenAI passthrough through the real keygate binary to the fake provider.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::passthrough_test {
namespace {

namespace json = boost::json;

class Passthrough : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env = new gateway_fixture(standard_models()); }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;
};
gateway_fixture* Passthrough::env = nullptr;

std::string joined_content(const std::vector<std::string>& data) {
  std::string text;
  for (const auto& d : data) {
    if (d == "[DONE]") continue;
    auto chunk = json::parse(d).as_object();
    for (const auto& choice : chunk["choices"].as_array()) {
      const auto& delta = choice.as_object().at("delta").as_object();
      if (auto it = delta.find("content"); it != delta.end() && it->value().is_string())
        text += std::string(it->value().as_string());
    }
  }
  return text;
}

TEST_F(Passthrough, WholeAnswerWithUsage) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gpt-4tok"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto answer = json::parse(reply.body).as_object();
  EXPECT_EQ(answer["object"].as_string(), "chat.completion");
  auto& choice = answer["choices"].as_array()[0].as_object();
  EXPECT_EQ(choice["message"].as_object()["content"].as_string(), "tok0 tok1 tok2 tok3");
  EXPECT_EQ(choice["finish_reason"].as_string(), "stop");
  auto& usage = answer["usage"].as_object();
  EXPECT_EQ(usage["prompt_tokens"].as_int64(), 3);
  EXPECT_EQ(usage["completion_tokens"].as_int64(), 4);
  EXPECT_EQ(usage["total_tokens"].as_int64(), 7);
  EXPECT_EQ(reply.header("content-type"), "application/json");
  EXPECT_TRUE(reply.header("x-request-id").starts_with("req_"));
}

TEST_F(Passthrough, UpstreamGetsTheUpstreamModelName) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gpt"));
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(json::parse(reply.body).at("model").as_string(), "fake-gpt");
}

TEST_F(Passthrough, EchoesTheClientsRequestId) {
  auto reply = http_call(env->port(), "POST", "/v1/chat/completions", chat_body("gpt"),
                         {{"x-request-id", "client-id-42"}});
  EXPECT_EQ(reply.header("x-request-id"), "client-id-42");
  auto odd =
      http_call(env->port(), "GET", "/health", "", {{"x-request-id", std::string(200, 'a')}});
  EXPECT_TRUE(odd.header("x-request-id").starts_with("req_")) << "an oversized id is replaced";
}

TEST_F(Passthrough, StreamJoinsToTheFakesTextAndHidesUsageNobodyAskedFor) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gpt-4tok", true));
  ASSERT_EQ(reply.status, 200);
  EXPECT_TRUE(reply.header("content-type").starts_with("text/event-stream"));
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  EXPECT_EQ(data.back(), "[DONE]");
  EXPECT_EQ(joined_content(data), "tok0 tok1 tok2 tok3");
  for (const auto& d : data) {
    if (d == "[DONE]") continue;
    auto chunk = json::parse(d).as_object();
    auto it = chunk.find("usage");
    EXPECT_TRUE(it == chunk.end() || it->value().is_null()) << d;
  }
}

TEST_F(Passthrough, StreamWithIncludeUsageEndsWithTheUsageChunk) {
  auto reply =
      post_json(env->port(), "/v1/chat/completions",
                chat_body("gpt-4tok", true, R"(,"stream_options":{"include_usage":true})"));
  ASSERT_EQ(reply.status, 200);
  auto data = sse_data(reply.body);
  ASSERT_GE(data.size(), 3u);
  EXPECT_EQ(data.back(), "[DONE]");
  auto last = json::parse(data[data.size() - 2]).as_object();
  EXPECT_TRUE(last["choices"].as_array().empty());
  EXPECT_EQ(last["usage"].as_object()["completion_tokens"].as_int64(), 4);
  EXPECT_EQ(last["usage"].as_object()["prompt_tokens"].as_int64(), 3);
}

TEST_F(Passthrough, SlowDripStreamArrivesWhole) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gpt-drip", true));
  ASSERT_EQ(reply.status, 200);
  auto data = sse_data(reply.body);
  EXPECT_EQ(joined_content(data), "tok0 tok1");
  EXPECT_EQ(data.back(), "[DONE]");
}

TEST_F(Passthrough, TimeToFirstTokenAndInterTokenDelaysStillComplete) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gpt-ttft", true));
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(joined_content(sse_data(reply.body)), "tok0 tok1 tok2 tok3 tok4");
}

TEST_F(Passthrough, UpstreamConnectionsAreReused) {
  auto before = json::parse(http_call(env->fake.port(), "GET", "/fake/stats").body);
  for (int i = 0; i < 30; ++i)
    ASSERT_EQ(post_json(env->port(), "/v1/chat/completions", chat_body("gpt", i % 2)).status, 200);
  auto after = json::parse(http_call(env->fake.port(), "GET", "/fake/stats").body);
  // At most one new upstream connection per gateway worker thread (2), plus the second stats call.
  auto opened = after.at("connections").as_int64() - before.at("connections").as_int64();
  EXPECT_LE(opened, 2 + 1);
}

TEST_F(Passthrough, MockProviderAnswersAndStreamsWithoutAnUpstream) {
  auto whole = post_json(env->port(), "/v1/chat/completions", chat_body("mock-gpt"));
  ASSERT_EQ(whole.status, 200);
  auto answer = json::parse(whole.body).as_object();
  EXPECT_NE(
      answer["choices"].as_array()[0].at("message").at("content").as_string().find("say hello now"),
      std::string::npos);
  EXPECT_EQ(answer["usage"].at("prompt_tokens").as_int64(), 3);
  auto stream =
      post_json(env->port(), "/chat/completions",
                chat_body("mock-gpt", true, R"(,"stream_options":{"include_usage":true})"));
  auto data = sse_data(stream.body);
  EXPECT_GT(data.size(), 5u);
  EXPECT_EQ(data.back(), "[DONE]");
  EXPECT_NE(joined_content(data).find("say hello now"), std::string::npos);
}

TEST_F(Passthrough, ModelsListsThePublicNames) {
  auto reply = http_call(env->port(), "GET", "/v1/models");
  ASSERT_EQ(reply.status, 200);
  auto list = json::parse(reply.body).as_object();
  EXPECT_EQ(list["object"].as_string(), "list");
  std::vector<std::string> ids;
  for (auto& m : list["data"].as_array()) {
    EXPECT_EQ(m.at("object").as_string(), "model");
    EXPECT_TRUE(m.at("created").is_int64());
    ids.emplace_back(m.at("id").as_string());
  }
  EXPECT_NE(std::find(ids.begin(), ids.end(), "gpt"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "mock-gpt"), ids.end());
  EXPECT_EQ(http_call(env->port(), "GET", "/models").status, 200);
}

TEST_F(Passthrough, HealthAndCorsPreflight) {
  EXPECT_EQ(http_call(env->port(), "GET", "/health").status, 200);
  auto pre = http_call(env->port(), "OPTIONS", "/v1/chat/completions", "",
                       {{"origin", "http://localhost:3000"},
                        {"access-control-request-method", "POST"},
                        {"access-control-request-headers", "authorization, content-type"}});
  EXPECT_EQ(pre.status, 204);
  EXPECT_EQ(pre.header("access-control-allow-origin"), "*");
  EXPECT_NE(pre.header("access-control-allow-methods").find("POST"), std::string::npos);
  EXPECT_EQ(pre.header("access-control-allow-headers"), "authorization, content-type");
}

}  // namespace
}  // namespace keygate::testing::passthrough_test
