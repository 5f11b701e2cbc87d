#include "gateway/config/endpoint.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace keygate::endpoint_test {
namespace {

// The reason parse gives for rejecting `url`.
std::string rejection(std::string_view url) {
  try {
    upstream_endpoint::parse(url);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted " << url;
  return {};
}

TEST(UpstreamEndpoint, HttpsDefaults) {
  auto ep = upstream_endpoint::parse("https://api.openai.com/v1");
  EXPECT_TRUE(ep.tls);
  EXPECT_EQ(ep.host, "api.openai.com");
  EXPECT_EQ(ep.port, 443);
  EXPECT_EQ(ep.base_path, "/v1");
  EXPECT_EQ(ep.host_header, "api.openai.com");
  EXPECT_EQ(ep.pool_key, "https://api.openai.com:443");
}

TEST(UpstreamEndpoint, HttpDefaults) {
  auto ep = upstream_endpoint::parse("http://localhost/v1");
  EXPECT_FALSE(ep.tls);
  EXPECT_EQ(ep.host, "localhost");
  EXPECT_EQ(ep.port, 80);
  EXPECT_EQ(ep.host_header, "localhost");
  EXPECT_EQ(ep.pool_key, "http://localhost:80");
}

TEST(UpstreamEndpoint, ExplicitPortIsInTheHostHeader) {
  auto ep = upstream_endpoint::parse("http://127.0.0.1:11434/v1");
  EXPECT_EQ(ep.host, "127.0.0.1");
  EXPECT_EQ(ep.port, 11434);
  EXPECT_EQ(ep.host_header, "127.0.0.1:11434");
  EXPECT_EQ(ep.pool_key, "http://127.0.0.1:11434");

  auto tls = upstream_endpoint::parse("https://example.com:8443");
  EXPECT_EQ(tls.port, 8443);
  EXPECT_EQ(tls.host_header, "example.com:8443");
}

TEST(UpstreamEndpoint, ExplicitDefaultPortIsLeftOutOfTheHostHeader) {
  EXPECT_EQ(upstream_endpoint::parse("https://example.com:443/v1").host_header, "example.com");
  EXPECT_EQ(upstream_endpoint::parse("http://example.com:80/v1").host_header, "example.com");
  EXPECT_EQ(upstream_endpoint::parse("http://example.com:443/v1").host_header, "example.com:443");
}

TEST(UpstreamEndpoint, SkippingVerificationSeparatesThePool) {
  auto ep = upstream_endpoint::parse("https://llm.internal:8443/v1");
  EXPECT_TRUE(ep.verify_tls);
  const std::string verified_key = ep.pool_key;
  ep.skip_verification();
  EXPECT_FALSE(ep.verify_tls);
  EXPECT_NE(ep.pool_key, verified_key);
  const std::string unverified_key = ep.pool_key;
  ep.skip_verification();
  EXPECT_EQ(ep.pool_key, unverified_key) << "a second call changes nothing";

  auto plain = upstream_endpoint::parse("http://llm.internal/v1");
  plain.skip_verification();
  EXPECT_TRUE(plain.verify_tls) << "there is no certificate to skip over http";
  EXPECT_EQ(plain.pool_key, "http://llm.internal:80");
}

TEST(UpstreamEndpoint, BasePathLosesTrailingSlashes) {
  EXPECT_EQ(upstream_endpoint::parse("https://h/v1/").base_path, "/v1");
  EXPECT_EQ(upstream_endpoint::parse("https://h/openai/v1//").base_path, "/openai/v1");
  EXPECT_EQ(upstream_endpoint::parse("https://h/").base_path, "");
  EXPECT_EQ(upstream_endpoint::parse("https://h").base_path, "");
}

TEST(UpstreamEndpoint, Ipv6Literal) {
  auto ep = upstream_endpoint::parse("http://[::1]:8000/v1");
  EXPECT_EQ(ep.host, "::1");
  EXPECT_EQ(ep.port, 8000);
  EXPECT_EQ(ep.host_header, "[::1]:8000");
  EXPECT_EQ(ep.base_path, "/v1");

  auto default_port = upstream_endpoint::parse("https://[2001:db8::1]/v1");
  EXPECT_EQ(default_port.port, 443);
  EXPECT_EQ(default_port.host_header, "[2001:db8::1]");
}

TEST(UpstreamEndpoint, PoolKeySeparatesSchemeHostAndPort) {
  auto a = upstream_endpoint::parse("https://example.com/v1");
  auto b = upstream_endpoint::parse("https://example.com/other");
  auto c = upstream_endpoint::parse("http://example.com/v1");
  auto d = upstream_endpoint::parse("https://example.com:8443/v1");
  auto e = upstream_endpoint::parse("https://example.org/v1");
  EXPECT_EQ(a.pool_key, b.pool_key);
  EXPECT_NE(a.pool_key, c.pool_key);
  EXPECT_NE(a.pool_key, d.pool_key);
  EXPECT_NE(a.pool_key, e.pool_key);
}

TEST(UpstreamEndpoint, RejectsOtherSchemes) {
  EXPECT_EQ(rejection("ftp://example.com/v1"), "the scheme must be http or https");
  EXPECT_EQ(rejection("ws://example.com"), "the scheme must be http or https");
}

TEST(UpstreamEndpoint, RejectsMissingHost) {
  EXPECT_EQ(rejection("http:///v1"), "the URL has no host");
  EXPECT_EQ(rejection("https:v1"), "the URL has no host");
}

TEST(UpstreamEndpoint, RejectsCredentials) {
  EXPECT_EQ(rejection("https://user:pass@example.com/v1"), "credentials do not belong in the URL");
  EXPECT_EQ(rejection("https://key@example.com/v1"), "credentials do not belong in the URL");
}

TEST(UpstreamEndpoint, RejectsQueryAndFragment) {
  EXPECT_EQ(rejection("https://example.com/v1?api-version=1"),
            "the URL must not have a query or fragment");
  EXPECT_NE(rejection("https://example.com/v1#top"), "");
}

TEST(UpstreamEndpoint, RejectsRelativeAndBadUrls) {
  EXPECT_EQ(rejection("example.com/v1"), "not an absolute URL");
  EXPECT_EQ(rejection(""), "not an absolute URL");
  EXPECT_EQ(rejection("http://example.com:99999/v1"), "invalid port");
  EXPECT_EQ(rejection("http://example.com:65536/v1"), "invalid port");
  EXPECT_EQ(rejection("http://example.com:0/v1"), "invalid port");
  EXPECT_EQ(upstream_endpoint::parse("http://example.com:65535/v1").port, 65535);
}

}  // namespace
}  // namespace keygate::endpoint_test
