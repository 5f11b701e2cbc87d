#include "gateway/http/header_block.hpp"

#include <gtest/gtest.h>

namespace keygate::header_block_test {
namespace {

TEST(HeaderBlock, HeadersGoOutAsTheirOwnLines) {
  header_block headers;
  EXPECT_TRUE(headers.empty());
  headers.set("x-keygate-deployment", "gpt-a");
  headers.set(boost::beast::http::field::retry_after, "2");
  EXPECT_EQ(headers.lines(), "x-keygate-deployment: gpt-a\r\nRetry-After: 2\r\n");
}

TEST(HeaderBlock, SettingANameAgainReplacesItWhateverItsCase) {
  header_block headers;
  headers.set("x-keygate-attempts", "1");
  headers.set("x-keygate-deployment", "a");
  headers.set("X-Keygate-Attempts", "2");
  EXPECT_EQ(headers.lines(), "x-keygate-deployment: a\r\nX-Keygate-Attempts: 2\r\n");
  EXPECT_EQ(headers.find("x-keygate-attempts"), "2");
}

TEST(HeaderBlock, ANameThatIsAPrefixOfAnotherIsNotConfusedWithIt) {
  header_block headers;
  headers.set("retry-after-ms", "1500");
  headers.set("retry-after", "2");
  EXPECT_EQ(headers.find("retry-after"), "2");
  EXPECT_EQ(headers.find("retry-after-ms"), "1500");
  headers.erase("retry-after");
  EXPECT_EQ(headers.lines(), "retry-after-ms: 1500\r\n");
  EXPECT_FALSE(headers.find("retry-after"));
}

TEST(HeaderBlock, AnEmptyValueIsKept) {
  header_block headers;
  headers.set("x-empty", "");
  EXPECT_EQ(headers.find("x-empty"), "");
  EXPECT_EQ(headers.lines(), "x-empty: \r\n");
}

}  // namespace
}  // namespace keygate::header_block_test
