#include "gateway/translators/mistral/tool_call_id.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace keygate::mistral::tool_call_id_test {
namespace {

const std::regex mistral_form("[a-zA-Z0-9]{9}");

TEST(MistralToolCallId, MistralIdsPassUnchanged) {
  EXPECT_TRUE(is_mistral_call_id("D681PevKs"));
  EXPECT_EQ(mistral_call_id("D681PevKs"), "D681PevKs");
  EXPECT_EQ(mistral_call_id("123456789"), "123456789");
}

TEST(MistralToolCallId, OtherIdsAreMappedDeterministically) {
  for (const char* id : {"call_Q1bX7zYwqVhR2mP9sLk4", "toolu_01A", "abc12345", "abc-12345",
                         "abcdefghij", "D681PevK_", "", "ünïcødé"}) {
    SCOPED_TRACE(id);
    EXPECT_FALSE(is_mistral_call_id(id));
    const auto mapped = mistral_call_id(id);
    EXPECT_TRUE(std::regex_match(mapped, mistral_form)) << mapped;
    EXPECT_EQ(mapped, mistral_call_id(id)) << "the same id must map the same way every time";
  }
  // base-62 digits of SHA-256("call_Q1bX7zYwqVhR2mP9sLk4"), lowest first.
  EXPECT_EQ(mistral_call_id("call_Q1bX7zYwqVhR2mP9sLk4"), "mxfKjIwTm");
}

TEST(MistralToolCallId, DistinctIdsStayDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) seen.insert(mistral_call_id("call_" + std::to_string(i)));
  EXPECT_EQ(seen.size(), 2000u);
}

TEST(MistralToolCallId, SynthesizedIdsLookLikeOpenAIs) {
  const auto a = synthesized_call_id();
  EXPECT_TRUE(std::regex_match(a, std::regex("call_[A-Za-z0-9]{24}"))) << a;
  EXPECT_NE(a, synthesized_call_id());
}

}  // namespace
}  // namespace keygate::mistral::tool_call_id_test
