// What clients get when something is wrong: always OpenAI's error shape and the right status.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "openai_shapes.hpp"
#include "standard_models.hpp"

namespace keygate::testing::errors_test {
namespace {

namespace json = boost::json;

class Errors : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env = new gateway_fixture(standard_models()); }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;
};
gateway_fixture* Errors::env = nullptr;

TEST_F(Errors, UnknownModelIs404ModelNotFound) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("no-such-model"));
  EXPECT_EQ(reply.status, 404);
  auto error = error_of(reply);
  EXPECT_EQ(error.at("code").as_string(), "model_not_found");
  EXPECT_EQ(error.at("type").as_string(), "invalid_request_error");
}

TEST_F(Errors, MalformedBodiesAre400) {
  for (std::string body : {"{not json", "[]", R"({"model":"gpt"})",
                           R"({"messages":[{"role":"user"}]})", R"({"model":"gpt","messages":[]})",
                           R"({"model":7,"messages":[]})", R"({"model":"gpt","messages":"hi"})",
                           R"({"model":"gpt","model":"x","messages":[{"role":"user"}]})",
                           R"({"model":"gpt","messages":[{"role":"user"}],"stream":"yes"})", ""}) {
    auto reply = post_json(env->port(), "/v1/chat/completions", body);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_EQ(error_of(reply).at("type").as_string(), "invalid_request_error") << body;
  }
}

TEST_F(Errors, WrongMethodIs405AndUnknownPathIs404) {
  auto reply = http_call(env->port(), "GET", "/v1/chat/completions");
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(reply.header("allow"), "POST");
  EXPECT_EQ(error_of(reply).at("code").as_string(), "method_not_allowed");
  auto missing = http_call(env->port(), "GET", "/v1/nothing-here");
  EXPECT_EQ(missing.status, 404);
  error_of(missing);
}

TEST_F(Errors, UpstreamStatusesAreKeptWithRetryHints) {
  auto limited = post_json(env->port(), "/v1/chat/completions", chat_body("gpt-429"));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.header("retry-after"), "2");
  EXPECT_EQ(limited.header("retry-after-ms"), "2000");
  EXPECT_EQ(error_of(limited).at("code").as_string(), "rate_limit_exceeded");

  EXPECT_EQ(post_json(env->port(), "/v1/chat/completions", chat_body("gpt-500")).status, 500);
  EXPECT_EQ(post_json(env->port(), "/v1/chat/completions", chat_body("gpt-503")).status, 503);
  auto denied = post_json(env->port(), "/v1/chat/completions", chat_body("gpt-401"));
  EXPECT_EQ(denied.status, 401);
  EXPECT_EQ(error_of(denied).at("code").as_string(), "invalid_api_key");
}

TEST_F(Errors, UpstreamErrorsDuringAStreamRequestAreStillPlainErrors) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gpt-429", true));
  EXPECT_EQ(reply.status, 429);
  error_of(reply);
}

TEST_F(Errors, UnreachableUpstreamIs502) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gpt-down"));
  EXPECT_EQ(reply.status, 502);
  EXPECT_EQ(error_of(reply).at("code").as_string(), "upstream_unreachable");
}

TEST_F(Errors, ResetBeforeHeadersIs502) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gpt-reset"));
  EXPECT_EQ(reply.status, 502);
  error_of(reply);
}

TEST_F(Errors, SlowUpstreamIs504) {
  auto start = std::chrono::steady_clock::now();
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gpt-slow"));
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(reply.status, 504);
  EXPECT_EQ(error_of(reply).at("type").as_string(), "timeout_error");
  EXPECT_LT(took, time_limit(std::chrono::milliseconds(1500)))
      << "the 300 ms first-byte timeout applies";
}

TEST_F(Errors, MidStreamResetEndsWithAnErrorEventAndNoDone) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gpt-midreset", true));
  ASSERT_EQ(reply.status, 200);
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  EXPECT_NE(data.back(), "[DONE]");
  auto error = json::parse(data.back()).at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "upstream_stream_truncated");
  EXPECT_EQ(std::count(data.begin(), data.end(), "[DONE]"), 0);
}

TEST_F(Errors, TruncatedStreamIsAnErrorNotASuccess) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gpt-truncate", true));
  ASSERT_EQ(reply.status, 200);
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  auto error = json::parse(data.back()).at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "upstream_stream_truncated");
  EXPECT_EQ(error.at("type").as_string(), "server_error");
}

TEST_F(Errors, StalledStreamTimesOutBetweenChunks) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("gpt-stall", true));
  ASSERT_EQ(reply.status, 200);
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  auto error = json::parse(data.back()).at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "upstream_timeout");
}

}  // namespace
}  // namespace keygate::testing::errors_test
