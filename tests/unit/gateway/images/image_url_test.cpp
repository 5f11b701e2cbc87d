// Image URLs: only absolute http(s) URLs, their parts for the request, redirects resolved against
// them, and the allowed-hosts list.
#include "gateway/images/image_url.hpp"

#include <gtest/gtest.h>

namespace keygate::image_url_test {
namespace {

image_location parsed(std::string_view url) {
  auto result = parse_image_url(url);
  if (auto* problem = std::get_if<std::string>(&result)) ADD_FAILURE() << url << ": " << *problem;
  return std::get<image_location>(result);
}

std::string problem_of(std::string_view url) {
  auto result = parse_image_url(url);
  auto* problem = std::get_if<std::string>(&result);
  return problem ? *problem : "";
}

TEST(ImageUrl, SplitsHttpAndHttps) {
  auto plain = parsed("http://Example.com/a/b.png?size=2#frag");
  EXPECT_FALSE(plain.tls);
  EXPECT_EQ(plain.host, "example.com");
  EXPECT_EQ(plain.port, 80);
  EXPECT_EQ(plain.target, "/a/b.png?size=2");
  EXPECT_EQ(plain.host_header, "example.com");
  EXPECT_EQ(plain.url, "http://Example.com/a/b.png?size=2");

  auto secure = parsed("HTTPS://img.example.com:8443");
  EXPECT_TRUE(secure.tls);
  EXPECT_EQ(secure.port, 8443);
  EXPECT_EQ(secure.target, "/");
  EXPECT_EQ(secure.host_header, "img.example.com:8443");

  auto v6 = parsed("http://[::1]:8080/x.gif");
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.host_header, "[::1]:8080");
  EXPECT_EQ(parsed("https://example.com:443/x").host_header, "example.com");
}

TEST(ImageUrl, RefusesOtherSchemesAndMalformedUrls) {
  EXPECT_EQ(problem_of("ftp://example.com/a.png"),
            "only http and https image URLs can be downloaded");
  EXPECT_EQ(problem_of("file:///etc/passwd"), "only http and https image URLs can be downloaded");
  EXPECT_EQ(problem_of("gopher://127.0.0.1:6379/_INFO"),
            "only http and https image URLs can be downloaded");
  EXPECT_EQ(problem_of("http:///a.png"), "the image URL has no host");
  EXPECT_EQ(problem_of("http://user:pw@example.com/a.png"),
            "the image URL must not hold credentials");
  EXPECT_EQ(problem_of("http://example.com:99999/a.png"), "the image URL has an invalid port");
  EXPECT_EQ(problem_of("http://example.com:0/a.png"), "the image URL has an invalid port");
  EXPECT_EQ(problem_of("http://exa mple.com/"), "the image URL is not a valid absolute URL");
  EXPECT_EQ(problem_of("/relative.png"), "the image URL is not a valid absolute URL");
}

TEST(ImageUrl, ResolvesRedirects) {
  const auto from = parsed("https://example.com/dir/a.png?x=1");
  auto next = [&](std::string_view location) {
    auto result = redirect_location(from, location);
    if (auto* problem = std::get_if<std::string>(&result)) return "error: " + *problem;
    return std::get<image_location>(result).url;
  };
  EXPECT_EQ(next("b.png"), "https://example.com/dir/b.png");
  EXPECT_EQ(next("/root.png"), "https://example.com/root.png");
  EXPECT_EQ(next("//cdn.example.net/c.png"), "https://cdn.example.net/c.png");
  EXPECT_EQ(next("http://169.254.169.254/latest/meta-data/"),
            "http://169.254.169.254/latest/meta-data/");
  EXPECT_EQ(next("file:///etc/passwd"), "error: only http and https image URLs can be downloaded");
  EXPECT_EQ(next(""), "error: the redirect has no Location");
}

TEST(ImageUrl, AllowedHosts) {
  const std::vector<std::string> none;
  EXPECT_TRUE(host_allowed("anything.example", none));
  const std::vector<std::string> list{"images.example.com", "*.cdn.example.net"};
  EXPECT_TRUE(host_allowed("images.example.com", list));
  EXPECT_TRUE(host_allowed("IMAGES.example.com.", list));
  EXPECT_TRUE(host_allowed("a.cdn.example.net", list));
  EXPECT_TRUE(host_allowed("a.b.cdn.example.net", list));
  EXPECT_FALSE(host_allowed("cdn.example.net", list));
  EXPECT_FALSE(host_allowed("evilcdn.example.net", list));
  EXPECT_FALSE(host_allowed("example.com", list));
  EXPECT_FALSE(host_allowed("images.example.com.evil.org", list));
  EXPECT_FALSE(host_allowed("127.0.0.1", list));
}

}  // namespace
}  // namespace keygate::image_url_test
