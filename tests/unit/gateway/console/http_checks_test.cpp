// The small HTTP checks of the console: cookies, CSRF tokens, Origin, Accept-Encoding, ETags.
#include <gtest/gtest.h>

#include "gateway/console/accept_encoding.hpp"
#include "gateway/console/csrf.hpp"
#include "gateway/console/session_cookie.hpp"
#include "gateway/console/static_files.hpp"

namespace keygate::console::http_checks_test {
namespace {

TEST(ConsoleCookie, FindsTheSessionAmongOtherCookies) {
  EXPECT_EQ(find_session_cookie("kg_session=abc"), "abc");
  EXPECT_EQ(find_session_cookie("theme=dark; kg_session=abc; x=1"), "abc");
  EXPECT_EQ(find_session_cookie(" kg_session = \"abc\" "), "abc");
  EXPECT_EQ(find_session_cookie("kg_sessionx=abc; xkg_session=def"), std::nullopt);
  EXPECT_EQ(find_session_cookie("kg_session=; other=1"), std::nullopt);
  EXPECT_EQ(find_session_cookie("kg_session=first; kg_session=second"), "first");
  EXPECT_EQ(find_session_cookie(""), std::nullopt);
  EXPECT_EQ(find_session_cookie(";;="), std::nullopt);

  http_request request;
  request.insert(http::field::cookie, "a=1");
  request.insert(http::field::cookie, "kg_session=tok");
  EXPECT_EQ(session_cookie_of(request), "tok");
}

TEST(ConsoleCookie, SetAndClearedWithItsAttributes) {
  EXPECT_EQ(session_set_cookie("tok", false),
            "kg_session=tok; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200");
  EXPECT_EQ(session_set_cookie("tok", true),
            "kg_session=tok; HttpOnly; SameSite=Strict; Path=/; Secure; Max-Age=43200");
  EXPECT_EQ(session_clear_cookie(false),
            "kg_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
}

TEST(ConsoleCsrf, EveryMethodButGetAndHeadNeedsTheToken) {
  EXPECT_FALSE(needs_csrf_token(http::verb::get));
  EXPECT_FALSE(needs_csrf_token(http::verb::head));
  for (auto verb : {http::verb::post, http::verb::put, http::verb::patch, http::verb::delete_,
                    http::verb::options})
    EXPECT_TRUE(needs_csrf_token(verb));

  http_request request;
  EXPECT_FALSE(csrf_token_matches(request, "secret-token"));
  request.set("X-CSRF-Token", "secret-tokeN");
  EXPECT_FALSE(csrf_token_matches(request, "secret-token"));
  request.set("X-CSRF-Token", "secret-token-and-more");
  EXPECT_FALSE(csrf_token_matches(request, "secret-token"));
  request.set("x-csrf-token", "secret-token");
  EXPECT_TRUE(csrf_token_matches(request, "secret-token"));
  request.set("X-CSRF-Token", "");
  EXPECT_FALSE(csrf_token_matches(request, ""));  // no session token, nothing matches
}

TEST(ConsoleCsrf, SignInAcceptsNoOriginOrItsOwn) {
  auto with = [](const char* host, const char* origin) {
    http_request request;
    if (host) request.set(http::field::host, host);
    if (origin) request.set(http::field::origin, origin);
    return origin_matches_host(request);
  };
  EXPECT_TRUE(with("127.0.0.1:4000", nullptr));
  EXPECT_TRUE(with("127.0.0.1:4000", "http://127.0.0.1:4000"));
  EXPECT_TRUE(with("Gate.example.com", "https://gate.example.com"));
  EXPECT_TRUE(with("gate.example.com", "https://gate.example.com:443"));
  EXPECT_TRUE(with("gate.example.com:80", "http://gate.example.com"));
  EXPECT_FALSE(with("127.0.0.1:4000", "http://127.0.0.1:4001"));
  EXPECT_FALSE(with("127.0.0.1:4000", "http://evil.example"));
  EXPECT_FALSE(with("127.0.0.1:4000", "null"));
  EXPECT_FALSE(with("127.0.0.1:4000", "http://127.0.0.1:4000/path"));
  EXPECT_FALSE(with(nullptr, "http://127.0.0.1:4000"));
}

TEST(ConsoleAcceptEncoding, QValuesChooseTheCopy) {
  using c = content_coding;
  EXPECT_EQ(choose_coding("", true, true), c::identity);
  EXPECT_EQ(choose_coding("gzip, deflate, br", true, true), c::br);
  EXPECT_EQ(choose_coding("gzip, deflate, br", true, false), c::gzip);
  EXPECT_EQ(choose_coding("gzip", true, true), c::gzip);
  EXPECT_EQ(choose_coding("br;q=0.5, gzip", true, true), c::gzip);
  EXPECT_EQ(choose_coding("br;q=0, gzip;q=0", true, true), c::identity);
  EXPECT_EQ(choose_coding("*", true, true), c::br);
  EXPECT_EQ(choose_coding("*;q=0.5, br;q=0", true, true), c::gzip);
  EXPECT_EQ(choose_coding("identity;q=1, gzip;q=0.9", true, true), c::identity);
  EXPECT_EQ(choose_coding("GZIP;Q=1.0", true, true), c::gzip);
  EXPECT_EQ(choose_coding("x-gzip", true, true), c::gzip);
  EXPECT_EQ(choose_coding("br;q=banana, gzip;q=0.1", true, true), c::identity);
  EXPECT_EQ(choose_coding("br;q=banana, gzip;q=0.1, identity;q=0", true, true), c::gzip);
  EXPECT_EQ(choose_coding("zstd", true, true), c::identity);
  // Identity refused and nothing else offered: identity anyway, rather than a 406.
  EXPECT_EQ(choose_coding("identity;q=0, zstd", true, true), c::identity);
  EXPECT_EQ(choose_coding("identity;q=0, gzip;q=0.1", true, true), c::gzip);
}

TEST(ConsoleEtag, IfNoneMatchListsWeakAndStar) {
  EXPECT_TRUE(etag_matches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("\"x\", W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("*", "\"abc\""));
  EXPECT_FALSE(etag_matches("\"abc-gz\"", "\"abc\""));
  EXPECT_FALSE(etag_matches("", "\"abc\""));
}

}  // namespace
}  // namespace keygate::console::http_checks_test
