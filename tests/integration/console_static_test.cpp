// The console's pages and assets: the copy Accept-Encoding asks for, caching, 304s, HEAD, the
// security headers, no CORS; and the API beside them untouched.
#include <gtest/gtest.h>

#include <regex>

#include "console_client.hpp"
#include "harness.hpp"

namespace keygate::testing::console_static_test {
namespace {

constexpr const char* csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

void expect_console_headers(const http_reply& reply, const std::string& what) {
  EXPECT_EQ(reply.header("content-security-policy"), csp) << what;
  EXPECT_EQ(reply.header("x-content-type-options"), "nosniff") << what;
  EXPECT_EQ(reply.header("referrer-policy"), "no-referrer") << what;
  EXPECT_EQ(reply.header("cross-origin-opener-policy"), "same-origin") << what;
  for (const char* cors : {"access-control-allow-origin", "access-control-expose-headers",
                           "access-control-allow-methods"})
    EXPECT_EQ(reply.header(cors), "") << what << " carries " << cors;
}

// The header block of a raw answer, lower-cased names; the body after it.
std::pair<std::map<std::string, std::string>, std::string> split_raw(const std::string& raw) {
  std::map<std::string, std::string> headers;
  const auto end = raw.find("\r\n\r\n");
  std::size_t at = raw.find("\r\n") + 2;
  while (at < end) {
    const auto line_end = raw.find("\r\n", at);
    const auto line = raw.substr(at, line_end - at);
    const auto colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    headers[name] = line.substr(colon + 2);
    at = line_end + 2;
  }
  return {headers, end == std::string::npos ? std::string() : raw.substr(end + 4)};
}

#if KEYGATE_CONSOLE_BUILT_IN

TEST(ConsoleStatic, PagesAndAssetsWithEveryHeaderInEachEncoding) {
  gateway_fixture env(console_models_yaml(), console_auth_yaml());
  const std::map<std::string, std::string> plain{{"accept-encoding", "identity"},
                                                 {"origin", "http://elsewhere.example"}};
  const auto page = http_call(env.port(), "GET", "/", "", plain);
  ASSERT_EQ(page.status, 200) << page.body;
  expect_console_headers(page, "/");
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("cache-control"), "no-cache");
  EXPECT_EQ(page.header("vary"), "Accept-Encoding");
  EXPECT_EQ(page.header("content-encoding"), "");
  EXPECT_NE(page.body.find("<!doctype html>"), std::string::npos) << page.body.substr(0, 200);

  std::smatch script;
  ASSERT_TRUE(std::regex_search(page.body, script, std::regex(R"re(src="(/assets/[^"]+\.js)")re")))
      << page.body;
  const std::string asset = script[1];
  const auto js =
      http_call(env.port(), "GET", asset, "", {{"accept-encoding", "gzip;q=1, br;q=0.5"}});
  ASSERT_EQ(js.status, 200);
  expect_console_headers(js, asset);
  EXPECT_EQ(js.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.header("content-encoding"), "gzip");
  ASSERT_GE(js.body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(js.body[0]), 0x1f);  // gzip's magic bytes
  EXPECT_EQ(static_cast<unsigned char>(js.body[1]), 0x8b);

  const auto br = http_call(env.port(), "GET", asset, "", {{"accept-encoding", "gzip, br"}});
  EXPECT_EQ(br.header("content-encoding"), "br");
  EXPECT_LT(br.body.size(), js.body.size());
  const auto identity = http_call(env.port(), "GET", asset, "", {{"accept-encoding", "zstd"}});
  EXPECT_EQ(identity.header("content-encoding"), "");
  EXPECT_GT(identity.body.size(), js.body.size());
  // Each copy has its own ETag.
  EXPECT_NE(br.header("etag"), js.header("etag"));
  EXPECT_NE(identity.header("etag"), js.header("etag"));

  // The ETag the client holds: 304 with no body; another copy's ETag: the whole file.
  const auto again =
      http_call(env.port(), "GET", asset, "",
                {{"accept-encoding", "gzip, br"}, {"if-none-match", br.header("etag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag"), br.header("etag"));
  EXPECT_EQ(again.header("cache-control"), "public, max-age=31536000, immutable");
  expect_console_headers(again, "304");
  const auto other = http_call(env.port(), "GET", asset, "",
                               {{"accept-encoding", "gzip"}, {"if-none-match", br.header("etag")}});
  EXPECT_EQ(other.status, 200);

  // HEAD: the length of what GET would send, no body, and the connection stays usable.
  const auto raw = raw_exchange(env.port(),
                                "HEAD " + asset +
                                    " HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\n\r\n"
                                    "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                                time_limit(std::chrono::milliseconds(3000)));
  const auto [head, rest] = split_raw(raw);
  EXPECT_NE(raw.rfind("HTTP/1.1 200", 0), std::string::npos) << raw.substr(0, 200);
  EXPECT_EQ(head.at("content-length"), std::to_string(br.body.size()));
  EXPECT_EQ(rest.rfind("HTTP/1.1 200", 0), 0u) << "HEAD sent a body: " << rest.substr(0, 80);

  const auto missing = http_call(env.port(), "GET", "/assets/nothing.12345678.js");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("\"error\""), std::string::npos);
  expect_console_headers(missing, "404");
  const auto posted = http_call(env.port(), "POST", "/", "{}");
  EXPECT_EQ(posted.status, 405);
  EXPECT_EQ(posted.header("allow"), "GET, HEAD");
}

#else

TEST(ConsoleStatic, ABuildWithoutTheConsoleSaysSo) {
  gateway_fixture env(console_models_yaml(), console_auth_yaml());
  const auto page = http_call(env.port(), "GET", "/");
  EXPECT_EQ(page.status, 404);
  EXPECT_NE(page.body.find("built without its web console"), std::string::npos) << page.body;
}

#endif

TEST(ConsoleStatic, TheApiBesideItIsUntouched) {
  gateway_fixture env(console_models_yaml(), console_auth_yaml());
  EXPECT_EQ(http_call(env.port(), "GET", "/health").body, R"({"status":"ok"})");
  const auto models = http_call(env.port(), "GET", "/v1/models", "", bearer(alice_secret));
  EXPECT_EQ(models.status, 200);
  EXPECT_NE(models.body.find("\"gpt\""), std::string::npos);
  // /v1/ is not the console's: the API's own 404, with CORS for browsers as before.
  const auto v1 =
      http_call(env.port(), "GET", "/v1/", "",
                {{"origin", "http://app.example"}, {"authorization", "Bearer " + alice_secret}});
  EXPECT_EQ(v1.status, 404);
  EXPECT_EQ(v1.header("access-control-allow-origin"), "*");
  EXPECT_EQ(v1.header("content-security-policy"), "");
  // A preflight to the console is not answered as the API's.
  const auto preflight = http_call(env.port(), "OPTIONS", "/console/conversations", "",
                                   {{"origin", "http://evil.example"}});
  EXPECT_EQ(preflight.header("access-control-allow-origin"), "");
}

TEST(ConsoleStatic, TurnedOffInTheConfigEverythingConsoleIs404) {
  gateway_fixture env(console_models_yaml(), console_auth_yaml() + "console: false\n");
  EXPECT_EQ(http_call(env.port(), "GET", "/").status, 404);
  const auto api = http_call(env.port(), "GET", "/console/session");
  EXPECT_EQ(api.status, 404);
  EXPECT_NE(api.body.find("console_disabled"), std::string::npos) << api.body;
  EXPECT_EQ(http_call(env.port(), "GET", "/health").status, 200);
}

}  // namespace
}  // namespace keygate::testing::console_static_test
