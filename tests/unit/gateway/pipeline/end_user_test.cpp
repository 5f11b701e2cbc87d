#include "gateway/pipeline/end_user.hpp"

#include <gtest/gtest.h>

#include <string>

namespace keygate::end_user_test {
namespace {

canonical_request body_with_user(std::string user) {
  canonical_request body;
  body.user = std::move(user);
  return body;
}

TEST(EndUser, TheConfiguredHeaderThenOpenWebUIThenTheBody) {
  http_request request;
  const auto body = body_with_user("body-user");
  EXPECT_EQ(end_user_of(request, body, "x-member"), "body-user");
  request.set("X-OpenWebUI-User-Name", "Ann");
  EXPECT_EQ(end_user_of(request, body, "x-member"), "Ann");
  request.set("X-OpenWebUI-User-Id", "7f3a");
  EXPECT_EQ(end_user_of(request, body, "x-member"), "7f3a");
  request.set("X-OpenWebUI-User-Email", "ann@example.org");
  EXPECT_EQ(end_user_of(request, body, "x-member"), "ann@example.org");
  request.set("X-Member", "kid");
  EXPECT_EQ(end_user_of(request, body, "x-member"), "kid");
  EXPECT_EQ(end_user_of(request, body, ""), "ann@example.org");  // no header configured
}

TEST(EndUser, NoneSaidIsEmpty) {
  http_request request;
  EXPECT_EQ(end_user_of(request, body_with_user(""), "x-member"), "");
  request.set("X-Member", "");
  EXPECT_EQ(end_user_of(request, body_with_user(""), "x-member"), "");
}

TEST(EndUser, ControlCharactersAreDroppedAndLongNamesCut) {
  http_request request;
  EXPECT_EQ(end_user_of(request, body_with_user("a\nb\tc\x7f"), ""), "abc");
  const std::string long_name(1000, 'x');
  EXPECT_EQ(end_user_of(request, body_with_user(long_name), "").size(), max_end_user_bytes);
}

}  // namespace
}  // namespace keygate::end_user_test
