// How a built Bedrock request is authenticated: SigV4 over its final target, host and body (with
// the session token when there is one), or a Bedrock API key as a bearer token.
#include "gateway/translators/bedrock/request_signing.hpp"

#include <gtest/gtest.h>

#include "gateway/translators/bedrock/converse_translator.hpp"
#include "gateway/translators/bedrock/sigv4.hpp"

namespace keygate::bedrock::request_signing_test {
namespace {

const auto new_year = std::chrono::system_clock::from_time_t(1704067200);  // 2024-01-01

deployment signed_deployment() {
  deployment d;
  d.provider = "bedrock";
  d.aws = {"us-east-1", "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
  d.endpoint = upstream_endpoint::parse("https://bedrock-runtime.us-east-1.amazonaws.com");
  return d;
}

upstream_request converse_request() {
  upstream_request req;
  req.target = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse";
  req.body = R"({"messages":[{"role":"user","content":[{"text":"Hi"}]}]})";
  return req;
}

TEST(BedrockSigning, MatchesTheWorkedExample) {
  auto req = converse_request();
  authenticate(req, signed_deployment(), new_year);
  EXPECT_EQ(req.headers["x-amz-date"], "20240101T000000Z");
  EXPECT_EQ(req.headers["authorization"],
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/bedrock/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date, "
            "Signature=480b78fcb0753cd946eeee7f0829f8b2028dca03d82a61d421346d1dac52f1d5");
  EXPECT_EQ(req.headers.count("x-amz-security-token"), 0u);
}

TEST(BedrockSigning, EachAttemptSignsAtItsOwnTime) {
  auto first = converse_request();
  auto later = converse_request();
  authenticate(first, signed_deployment(), new_year);
  authenticate(later, signed_deployment(), new_year + std::chrono::seconds(1));
  EXPECT_EQ(later.headers["x-amz-date"], "20240101T000001Z");
  EXPECT_NE(first.headers["authorization"], later.headers["authorization"]);
}

TEST(BedrockSigning, SessionTokenIsSentAndSigned) {
  auto d = signed_deployment();
  d.aws.session_token = "session-token-value";
  auto req = converse_request();
  authenticate(req, d, new_year);
  EXPECT_EQ(req.headers["x-amz-security-token"], "session-token-value");
  const std::string authorization(req.headers["authorization"]);
  EXPECT_NE(authorization.find("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token"),
            std::string::npos);
  const aws::request_parts parts{"POST",
                                 req.target,
                                 {},
                                 {{"content-type", "application/json"},
                                  {"host", "bedrock-runtime.us-east-1.amazonaws.com"},
                                  {"x-amz-date", "20240101T000000Z"},
                                  {"x-amz-security-token", "session-token-value"}},
                                 req.body};
  const aws::credentials keys{d.aws.access_key_id, d.aws.secret_access_key, d.aws.session_token};
  EXPECT_EQ(authorization,
            aws::sign(parts, keys, "20240101T000000Z", "us-east-1", "bedrock").authorization);
}

TEST(BedrockSigning, ApiKeyIsABearerToken) {
  auto d = signed_deployment();
  d.api_key = "bedrock-api-key";
  auto req = converse_request();
  authenticate(req, d, new_year);
  EXPECT_EQ(req.headers["authorization"], "Bearer bedrock-api-key");
  EXPECT_EQ(req.headers.count("x-amz-date"), 0u);
}

TEST(BedrockSigning, ModelIdsAndArnsAreEncodedInThePath) {
  EXPECT_EQ(converse_path("", "us.anthropic.claude-3-5-haiku-20241022-v1:0", false),
            "/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse");
  EXPECT_EQ(converse_path("/proxy",
                          "arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
                          "us.anthropic.claude-3-haiku-20240307-v1:0",
                          true),
            "/proxy/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2F"
            "us.anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
}

}  // namespace
}  // namespace keygate::bedrock::request_signing_test
