// SigV4 against AWS's published test suite (awslabs/aws-c-auth tests/aws-signing-test-suite/v4,
// the same vectors as the original aws4_testsuite) and the Bedrock-shaped example of
// docs/bedrock.md#signing-request_signingcpp-sigv4cpp.
#include "gateway/translators/bedrock/sigv4.hpp"

#include <gtest/gtest.h>

namespace keygate::aws::sigv4_test {
namespace {

const credentials suite_keys{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
constexpr std::string_view suite_date = "20150830T123600Z";
constexpr std::string_view suite_host = "example.amazonaws.com";

request_parts suite_request(std::string_view method, std::string_view path,
                            std::string_view query = {}) {
  return {method,
          path,
          query,
          {{"Host", std::string(suite_host)}, {"X-Amz-Date", std::string(suite_date)}},
          {}};
}

std::string suite_signature(const request_parts& request, const credentials& keys = suite_keys) {
  return sign(request, keys, suite_date, "us-east-1", "service").value;
}

TEST(SigV4Suite, SigningKey) {
  EXPECT_EQ(hex(signing_key(suite_keys.secret_access_key, "20150830", "us-east-1", "service")),
            "938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75");
}

TEST(SigV4Suite, GetVanilla) {
  const auto request = suite_request("GET", "/");
  const auto signed_request = sign(request, suite_keys, suite_date, "us-east-1", "service");
  EXPECT_EQ(signed_request.canonical,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex(signed_request.canonical),
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  EXPECT_EQ(signed_request.string_to_sign,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  EXPECT_EQ(signed_request.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SigV4Suite, GetVanillaQueryOrderKeyCase) {
  const auto request = suite_request("GET", "/", "Param2=value2&Param1=value1");
  EXPECT_EQ(canonical_request(request).substr(0, 34), "GET\n/\nParam1=value1&Param2=value2\n");
  EXPECT_EQ(suite_signature(request),
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(SigV4Suite, PostVanilla) {
  EXPECT_EQ(suite_signature(suite_request("POST", "/")),
            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
}

TEST(SigV4Suite, PostXWwwFormUrlencoded) {
  auto request = suite_request("POST", "/");
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.body = "Param1=value1";
  const auto signed_request = sign(request, suite_keys, suite_date, "us-east-1", "service");
  EXPECT_EQ(signed_request.canonical,
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\n"
            "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "content-type;host;x-amz-date\n"
            "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
  EXPECT_EQ(sha256_hex(signed_request.canonical),
            "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281");
  EXPECT_EQ(signed_request.value,
            "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
}

TEST(SigV4Suite, GetUtf8) {
  const auto request = suite_request("GET", "/\xe1\x88\xb4");
  EXPECT_EQ(canonical_request(request).substr(0, 15), "GET\n/%E1%88%B4\n");
  EXPECT_EQ(suite_signature(request),
            "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85");
}

TEST(SigV4Suite, GetSpace) {
  EXPECT_EQ(suite_signature(suite_request("GET", "/example space/")),
            "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741");
}

TEST(SigV4Suite, PostStsToken) {
  const std::string token =
      "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSP"
      "fIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT"
      "7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKm"
      "lzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
  auto request = suite_request("POST", "/");
  request.headers.emplace_back("X-Amz-Security-Token", token);
  credentials keys = suite_keys;
  keys.session_token = token;
  const auto signed_request = sign(request, keys, suite_date, "us-east-1", "service");
  EXPECT_NE(signed_request.authorization.find("SignedHeaders=host;x-amz-date;x-amz-security-token"),
            std::string::npos);
  EXPECT_EQ(signed_request.value,
            "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");
}

TEST(SigV4Suite, HeaderValuesAreTrimmedAndCollapsed) {
  auto request = suite_request("GET", "/");
  request.headers.emplace_back("My-Header1", "  a   b   c  ");
  EXPECT_NE(canonical_request(request).find("\nmy-header1:a b c\n"), std::string::npos);
}

TEST(SigV4, BedrockPathIsEncodedTwice) {
  const request_parts request{"POST",
                              "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse",
                              {},
                              {{"content-type", "application/json"},
                               {"host", "bedrock-runtime.us-east-1.amazonaws.com"},
                               {"x-amz-date", "20240101T000000Z"}},
                              R"({"messages":[{"role":"user","content":[{"text":"Hi"}]}]})"};
  const auto signed_request = sign(request, suite_keys, "20240101T000000Z", "us-east-1", "bedrock");
  EXPECT_EQ(signed_request.canonical.substr(0, 64),
            "POST\n/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse\n");
  EXPECT_EQ(sha256_hex(request.body),
            "45e583fed2564dc00e823303d7609f8587af7f685b993cb0f998afc0d480b01d");
  EXPECT_EQ(sha256_hex(signed_request.canonical),
            "25eb5b299c447d41bbd7708fc2c5d340e984d414f0333e1798aed72d51428024");
  EXPECT_EQ(signed_request.value,
            "480b78fcb0753cd946eeee7f0829f8b2028dca03d82a61d421346d1dac52f1d5");
}

TEST(SigV4, AmzDateIsUtc) {
  const auto when = std::chrono::system_clock::from_time_t(1440938160);  // 2015-08-30 12:36:00
  EXPECT_EQ(amz_date(when), "20150830T123600Z");
}

}  // namespace
}  // namespace keygate::aws::sigv4_test
