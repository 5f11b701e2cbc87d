#include "gateway/translators/openai/openai_error_body.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>

namespace keygate::openai::openai_error_body_test {
namespace {

using ::testing::HasSubstr;

TEST(ErrorFromUpstream, KeepsOpenAiErrorFields) {
  auto e = error_from_upstream(
      400, R"({"error":{"message":"Invalid 'messages[0].role'.","type":"invalid_request_error",)"
           R"("param":"messages[0].role","code":"invalid_value"}})");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.message, "Invalid 'messages[0].role'.");
  EXPECT_EQ(e.type, "invalid_request_error");
  EXPECT_EQ(e.param, "messages[0].role");
  EXPECT_EQ(e.code, "invalid_value");
}

TEST(ErrorFromUpstream, StatusIsMappedButFieldsKept) {
  auto e = error_from_upstream(
      429, R"({"error":{"message":"Slow down","type":"tokens","param":null,"code":null}})");
  EXPECT_EQ(e.status, 429);
  EXPECT_EQ(e.message, "Slow down");
  EXPECT_EQ(e.type, "tokens");
  EXPECT_EQ(e.param, std::nullopt);
  EXPECT_EQ(e.code, "rate_limit_exceeded");  // the default stays when the body's is null
}

TEST(ErrorFromUpstream, AzuresStatusEchoLeavesOpenAIsCode) {
  auto limited = error_from_upstream(
      429, R"({"error":{"code":"429","message":"Requests ... Please retry after 2 seconds."}})");
  EXPECT_EQ(limited.type, "rate_limit_error");
  EXPECT_EQ(limited.code, "rate_limit_exceeded");
  EXPECT_EQ(limited.message, "Requests ... Please retry after 2 seconds.");
  auto denied =
      error_from_upstream(401, R"({"error":{"code":"401","message":"Access denied due to ..."}})");
  EXPECT_EQ(denied.type, "authentication_error");
  EXPECT_EQ(denied.code, "invalid_api_key");
  auto missing = error_from_upstream(
      404, R"({"error":{"code":"DeploymentNotFound","message":"The API deployment ..."}})");
  EXPECT_EQ(missing.code, "DeploymentNotFound");  // a code of its own is kept
}

TEST(ErrorFromUpstream, NumericCodeBecomesAString) {
  auto e = error_from_upstream(500, R"({"error":{"message":"boom","code":1234}})");
  EXPECT_EQ(e.status, 500);
  EXPECT_EQ(e.message, "boom");
  EXPECT_EQ(e.type, "server_error");
  EXPECT_EQ(e.code, "1234");
}

TEST(ErrorFromUpstream, EmptyMessageKeepsTheDefault) {
  auto e = error_from_upstream(404, R"({"error":{"message":"","type":"not_found"}})");
  EXPECT_EQ(e.status, 404);
  EXPECT_THAT(e.message, HasSubstr("404"));
  EXPECT_EQ(e.type, "not_found");
  EXPECT_EQ(e.code, "model_not_found");
}

TEST(ErrorFromUpstream, ErrorAsPlainString) {
  auto e = error_from_upstream(400, R"({"error":"model 'x' not found, try pulling it first"})");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.message, "model 'x' not found, try pulling it first");
  EXPECT_EQ(e.type, "invalid_request_error");
}

// Found by fuzzing: an empty string left the client an error without a message.
TEST(ErrorFromUpstream, EmptyPlainStringKeepsTheDefault) {
  auto e = error_from_upstream(400, R"({"error":""})");
  EXPECT_EQ(e.status, 400);
  EXPECT_THAT(e.message, HasSubstr("400"));
}

TEST(ErrorFromUpstream, NonJsonBodyGetsTheDefaultMessage) {
  auto e = error_from_upstream(502, "<html><body>Bad Gateway</body></html>");
  EXPECT_EQ(e.status, 502);
  EXPECT_EQ(e.message, "The upstream provider returned HTTP 502.");
  EXPECT_EQ(e.type, "server_error");
  EXPECT_EQ(e.param, std::nullopt);
}

TEST(ErrorFromUpstream, JsonWithoutAnErrorObjectGetsTheDefault) {
  for (const char* body : {R"({"detail":"nope"})", R"([1,2])", R"({"error":42})", ""}) {
    auto e = error_from_upstream(401, body);
    EXPECT_EQ(e.status, 401) << body;
    EXPECT_EQ(e.message, "The upstream provider returned HTTP 401.") << body;
    EXPECT_EQ(e.type, "authentication_error") << body;
    EXPECT_EQ(e.code, "invalid_api_key") << body;
  }
}

TEST(ErrorFromUpstream, Overloaded529Becomes503) {
  auto e = error_from_upstream(529, "overloaded");
  EXPECT_EQ(e.status, 503);
  EXPECT_EQ(e.code, "overloaded");
  EXPECT_EQ(e.type, "server_error");
  EXPECT_THAT(e.message, HasSubstr("529"));

  e = error_from_upstream(529, R"({"error":{"message":"Overloaded","type":"overloaded_error"}})");
  EXPECT_EQ(e.status, 503);
  EXPECT_EQ(e.message, "Overloaded");
  EXPECT_EQ(e.type, "overloaded_error");
  EXPECT_EQ(e.code, "overloaded");
}

TEST(ErrorFromUpstream, SuccessStatusWithErrorBodyIs502) {
  auto e = error_from_upstream(200, R"({"error":{"message":"bad"}})");
  EXPECT_EQ(e.status, 502);
  EXPECT_EQ(e.message, "bad");
}

}  // namespace
}  // namespace keygate::openai::openai_error_body_test
