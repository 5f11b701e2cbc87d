#include "gateway/base/key_hash.hpp"

#include <gtest/gtest.h>

#include <set>

namespace keygate::key_hash_test {
namespace {

TEST(KeyHash, Sha256MatchesTheKnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(is_sha256_hex(sha256_hex("")));
}

TEST(KeyHash, RecognizesOnlyLowerCaseHexOf64) {
  EXPECT_FALSE(is_sha256_hex("abc"));
  EXPECT_FALSE(is_sha256_hex(std::string(64, 'g')));
  EXPECT_FALSE(is_sha256_hex(std::string(64, 'A')));
  EXPECT_TRUE(is_sha256_hex(std::string(64, 'a')));
}

TEST(KeyHash, ConstantTimeEqualComparesWholeStrings) {
  EXPECT_TRUE(constant_time_equal("secret", "secret"));
  EXPECT_FALSE(constant_time_equal("secret", "secreT"));
  EXPECT_FALSE(constant_time_equal("secret", "secret2"));
}

TEST(KeyHash, SecretsAreLongRandomAndBase62) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    auto secret = new_key_secret();
    ASSERT_EQ(secret.size(), 49u);
    ASSERT_TRUE(secret.starts_with("sk-kg-"));
    for (char c : secret.substr(6)) ASSERT_TRUE(std::isalnum(static_cast<unsigned char>(c)));
    seen.insert(secret);
    auto id = new_key_id();
    ASSERT_EQ(id.size(), 20u);
    ASSERT_TRUE(id.starts_with("key-"));
  }
  EXPECT_EQ(seen.size(), 200u);
}

}  // namespace
}  // namespace keygate::key_hash_test
