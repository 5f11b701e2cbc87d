#include "gateway/base/secret_scrub.hpp"

#include <gtest/gtest.h>

namespace keygate::secret_scrub_test {
namespace {

TEST(SecretScrub, TheWholeSecretIsReplacedWhereverItAppears) {
  EXPECT_EQ(scrub_secret("key sk-live-123 refused; sk-live-123 again", "sk-live-123"),
            "key [redacted] refused; [redacted] again");
}

TEST(SecretScrub, MaskedEchoesOfAKeyAreReplaced) {
  EXPECT_EQ(scrub_secret("Incorrect API key provided: sk-proj-********************wxyz. You can "
                         "find your API key at https://platform.openai.com/account/api-keys.",
                         "sk-proj-other"),
            "Incorrect API key provided: [redacted]. You can find your API key at "
            "https://platform.openai.com/account/api-keys.");
  EXPECT_EQ(scrub_secret(R"(bad key "abcd****wxyz")", ""), R"(bad key "[redacted]")");
}

TEST(SecretScrub, OrdinaryTextIsLeftAlone) {
  const std::string text = "Rate limit reached for gpt-4o in organization org-x: 3 per min *";
  EXPECT_EQ(scrub_secret(text, "sk-live-123"), text);
  EXPECT_EQ(scrub_secret("", "sk"), "");
}

}  // namespace
}  // namespace keygate::secret_scrub_test
