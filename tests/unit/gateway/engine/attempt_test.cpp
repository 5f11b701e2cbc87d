#include "gateway/engine/attempt.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace keygate::attempt_test {
namespace {

openai_error error(std::string message, std::optional<std::string> code = {},
                   std::string type = "invalid_request_error") {
  openai_error e;
  e.message = std::move(message);
  e.code = std::move(code);
  e.type = std::move(type);
  return e;
}

// 424: Bedrock's ModelErrorException, a model that failed this time.
TEST(ClassifyUpstreamError, TransientStatusesAreRetryable) {
  for (int status : {408, 409, 424, 429, 500, 502, 503, 504, 529}) {
    EXPECT_EQ(classify_upstream_error(status, error("try again", {}, "server_error")),
              failure_kind::retryable)
        << status;
  }
}

TEST(ClassifyUpstreamError, RetryableStatusWinsOverItsMessage) {
  // A 429 or 500 that mentions tokens or content is still worth retrying.
  EXPECT_EQ(
      classify_upstream_error(429, error("too many tokens per minute", "rate_limit_exceeded")),
      failure_kind::retryable);
  EXPECT_EQ(classify_upstream_error(500, error("content_filter service down")),
            failure_kind::retryable);
}

TEST(ClassifyUpstreamError, AuthAndNotFoundAreDeploymentFaults) {
  for (int status : {401, 403, 404}) {
    EXPECT_EQ(classify_upstream_error(status, error("no", "invalid_api_key")),
              failure_kind::deployment_fault)
        << status;
  }
  EXPECT_EQ(
      classify_upstream_error(404, error("The model `gpt-9` does not exist", "model_not_found")),
      failure_kind::deployment_fault);
}

TEST(ClassifyUpstreamError, ContextLengthByCode) {
  EXPECT_EQ(classify_upstream_error(400, error("too long", "context_length_exceeded")),
            failure_kind::context_window);
}

TEST(ClassifyUpstreamError, ContextLengthByMessage) {
  EXPECT_EQ(classify_upstream_error(
                400, error("This model's maximum context length is 8192 tokens. However, your "
                           "messages resulted in 9000 tokens.")),
            failure_kind::context_window);
  EXPECT_EQ(classify_upstream_error(400, error("Prompt is too long: 250000 tokens > 200000")),
            failure_kind::context_window);
  EXPECT_EQ(classify_upstream_error(413, error("Input exceeds the context window")),
            failure_kind::context_window);
}

TEST(ClassifyUpstreamError, ContentPolicyByCode) {
  EXPECT_EQ(classify_upstream_error(400, error("refused", "content_policy_violation")),
            failure_kind::content_policy);
  EXPECT_EQ(classify_upstream_error(400, error("refused", "content_filter")),
            failure_kind::content_policy);
}

TEST(ClassifyUpstreamError, ContentPolicyByMessage) {
  EXPECT_EQ(classify_upstream_error(
                400, error("The response was filtered due to the prompt triggering Azure "
                           "OpenAI's content management policy.")),
            failure_kind::content_policy);
  EXPECT_EQ(classify_upstream_error(400, error("Your request was rejected by our safety system")),
            failure_kind::content_policy);
}

TEST(ClassifyUpstreamError, OtherClientErrorsAreTheClients) {
  EXPECT_EQ(classify_upstream_error(400, error("'messages' is a required property")),
            failure_kind::client_error);
  EXPECT_EQ(classify_upstream_error(400, error("bad", "invalid_value")),
            failure_kind::client_error);
  EXPECT_EQ(classify_upstream_error(422, error("Unprocessable Entity")),
            failure_kind::client_error);
  EXPECT_EQ(classify_upstream_error(422, error("")), failure_kind::client_error);
}

}  // namespace
}  // namespace keygate::attempt_test
