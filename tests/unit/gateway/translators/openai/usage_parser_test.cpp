#include "gateway/translators/openai/usage_parser.hpp"

#include <gtest/gtest.h>

#include <string>

namespace keygate::openai::usage_parser_test {
namespace {

struct read_result {
  bool valid = false;
  token_usage usage;
};

read_result read(std::string json) {
  read_result r;
  r.valid = read_usage(json, r.usage);
  return r;
}

TEST(OpenAiUsage, ReadsEveryCountOfAChatCompletion) {
  const auto r = read(
      R"({"id":"c1","object":"chat.completion","choices":[{"index":0,"message":)"
      R"({"role":"assistant","content":"hi"},"finish_reason":"stop"}],)"
      R"("usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150,)"
      R"("prompt_tokens_details":{"cached_tokens":100,"audio_tokens":0,"cache_write_tokens":7},)"
      R"("completion_tokens_details":{"reasoning_tokens":12,"audio_tokens":0}},)"
      R"("service_tier":"default","system_fingerprint":"fp_1"})");
  ASSERT_TRUE(r.valid);
  EXPECT_TRUE(r.usage.known);
  EXPECT_EQ(r.usage.prompt, 120);
  EXPECT_EQ(r.usage.completion, 30);
  EXPECT_EQ(r.usage.cached, 100);
  EXPECT_EQ(r.usage.cache_write, 7);
  EXPECT_EQ(r.usage.reasoning, 12);
}

TEST(OpenAiUsage, DeepSeekCachedTokensCountWithoutPromptDetails) {
  const auto r = read(R"({"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":2,)"
                      R"("prompt_cache_hit_tokens":6,"prompt_cache_miss_tokens":4}})");
  ASSERT_TRUE(r.valid);
  EXPECT_EQ(r.usage.cached, 6);
  EXPECT_EQ(r.usage.prompt, 10);
  EXPECT_TRUE(r.usage.known);
}

TEST(OpenAiUsage, PromptDetailsWinOverDeepSeeksName) {
  const auto r = read(
      R"({"usage":{"prompt_cache_hit_tokens":6,"prompt_tokens_details":{"cached_tokens":3}}})");
  ASSERT_TRUE(r.valid);
  EXPECT_EQ(r.usage.cached, 3);
}

TEST(OpenAiUsage, NoUsageOrANullOneIsValidAndUnknown) {
  for (const char* json : {R"({"id":"c1","choices":[]})", R"({"id":"c1","usage":null})",
                           R"({"usage":"none","id":"c1"})", R"({})"}) {
    const auto r = read(json);
    EXPECT_TRUE(r.valid) << json;
    EXPECT_FALSE(r.usage.known) << json;
    EXPECT_EQ(r.usage.prompt, 0) << json;
  }
}

TEST(OpenAiUsage, UsageInsideContentOrNestedObjectsIsNotTheAnswers) {
  const auto r = read(R"({"choices":[{"message":{"content":"\"usage\":{\"prompt_tokens\":99}",)"
                      R"("usage":{"prompt_tokens":98}}}],"meta":{"usage":{"prompt_tokens":97}}})");
  ASSERT_TRUE(r.valid);
  EXPECT_FALSE(r.usage.known);

  const auto last =
      read(R"({"choices":[{"message":{"content":"say \"usage\":{\"prompt_tokens\":99}"}}],)"
           R"("usage":{"prompt_tokens":5,"completion_tokens":1}})");
  ASSERT_TRUE(last.valid);
  EXPECT_EQ(last.usage.prompt, 5);
  EXPECT_EQ(last.usage.completion, 1);
}

TEST(OpenAiUsage, TheFirstTopLevelUsageCounts) {
  const auto r = read(R"({"usage":{"prompt_tokens":1},"usage":{"prompt_tokens":2}})");
  ASSERT_TRUE(r.valid);
  EXPECT_EQ(r.usage.prompt, 1);
}

TEST(OpenAiUsage, CountsThatAreNotWholeNumbersReadAsZero) {
  const auto r =
      read(R"({"usage":{"prompt_tokens":"12","completion_tokens":2.5,)"
           R"("prompt_tokens_details":{"cached_tokens":null},"completion_tokens_details":[1]}})");
  ASSERT_TRUE(r.valid);
  EXPECT_TRUE(r.usage.known);
  EXPECT_EQ(r.usage.prompt, 0);
  EXPECT_EQ(r.usage.completion, 0);
  EXPECT_EQ(r.usage.cached, 0);
  EXPECT_EQ(r.usage.reasoning, 0);
}

TEST(OpenAiUsage, RefusesWhatIsNotOneJsonObject) {
  for (const char* json :
       {R"({"id":)", R"({"id":"c1","usage":{"prompt_tokens":3})", R"({"id":"c1)", R"([1,2])",
        R"("text")", "<html>Bad Gateway</html>", "", R"({"id":"c1"} {"id":"c2"})",
        R"({"id":"c1"}])", R"({"usage":{"prompt_tokens":3}} x)", R"({"a":1,})", R"({"a" 1})",
        R"({"a":[1,2}})", R"({"a":1 "b":2})", R"({"a":})", R"({"a":"\"})", R"({,})"}) {
    const auto r = read(json);
    EXPECT_FALSE(r.valid) << json;
  }
}

TEST(OpenAiUsage, ACutDocumentLeavesTheCountsAlone) {
  token_usage usage;
  usage.prompt = 4;
  std::string cut = R"({"usage":{"prompt_tokens":9,"completion_tokens":1},"choices":[)";
  EXPECT_FALSE(read_usage(cut, usage));
  EXPECT_EQ(usage.prompt, 4);
  EXPECT_FALSE(usage.known);
}

TEST(OpenAiUsage, ReadsAViewOfAnEvent) {
  const std::string event =
      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
      "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7}}\n\n";
  const std::string_view data = std::string_view(event).substr(6, event.size() - 8);
  token_usage usage;
  ASSERT_TRUE(read_usage(data, usage));
  EXPECT_EQ(usage.total(), 19);
  EXPECT_FALSE(read_usage(data.substr(0, data.size() - 1), usage));
}

}  // namespace
}  // namespace keygate::openai::usage_parser_test

namespace keygate::openai::usage_parser_test {
namespace {

TEST(OpenAiAnswerUsage, AWholeAnswerThatIsNotJsonIsRefusedWhereTheScanWouldPassIt) {
  for (std::string bad : {std::string("{\"id\":\"a\x01\x02\",\"usage\":null}"),
                          std::string(R"({"done": tru})"), std::string(R"({"n": 01})")}) {
    token_usage usage;
    EXPECT_FALSE(read_answer_usage(bad, usage)) << bad;
    EXPECT_FALSE(usage.known);
  }
}

TEST(OpenAiAnswerUsage, AValidAnswerGivesItsUsage) {
  std::string answer = R"({"id":"x","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":8,)"
                       R"("prompt_tokens_details":{"cached_tokens":2},"completion_tokens_details":)"
                       R"({"reasoning_tokens":3}}})";
  token_usage usage;
  ASSERT_TRUE(read_answer_usage(answer, usage));
  EXPECT_TRUE(usage.known);
  EXPECT_EQ(usage.prompt, 9);
  EXPECT_EQ(usage.completion, 8);
  EXPECT_EQ(usage.cached, 2);
  EXPECT_EQ(usage.reasoning, 3);
}

}  // namespace
}  // namespace keygate::openai::usage_parser_test
