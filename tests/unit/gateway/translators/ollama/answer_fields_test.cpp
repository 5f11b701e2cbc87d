#include "gateway/translators/ollama/answer_fields.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>

namespace keygate::ollama::answer_fields_test {
namespace {

namespace json = boost::json;

TEST(OllamaCallIds, DerivedFromTheAnswerAndThePosition) {
  const auto id = synthesized_call_id("2026-01-01T00:00:00.3Z", 0, "get_weather", "{}");
  EXPECT_TRUE(std::regex_match(id, std::regex("call_[A-Za-z0-9]{24}"))) << id;
  EXPECT_EQ(id, synthesized_call_id("2026-01-01T00:00:00.3Z", 0, "get_weather", "{}"));
  EXPECT_NE(id, synthesized_call_id("2026-01-01T00:00:00.3Z", 1, "get_weather", "{}"));
  EXPECT_NE(id, synthesized_call_id("2026-01-01T00:00:00.4Z", 0, "get_weather", "{}"));
  EXPECT_NE(id, synthesized_call_id("2026-01-01T00:00:00.3Z", 0, "get_time", "{}"));
  EXPECT_NE(id, synthesized_call_id("2026-01-01T00:00:00.3Z", 0, "get_weather", "{\"a\":1}"));
}

TEST(OllamaCallIds, IdsSentByOllamaAreKept) {
  auto message = json::parse(R"({"tool_calls":[{"id":"call_kept","function":{"name":"f",)"
                             R"("arguments":{"b":[1,2],"a":"x"}}},{"function":{"name":"g",)"
                             R"("arguments":"{\"raw\":true}"}}]})");
  auto calls = read_tool_calls(message.as_object(), "seed", 3);
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].id, "call_kept");
  EXPECT_EQ(calls[0].arguments, R"({"b":[1,2],"a":"x"})");  // compact, in Ollama's order
  EXPECT_EQ(calls[1].arguments, R"({"raw":true})");         // already a JSON text
  EXPECT_EQ(calls[1].id, synthesized_call_id("seed", 4, "g", R"({"raw":true})"));
}

TEST(OllamaAnswerFields, CreatedAtBecomesUnixSeconds) {
  auto chunk = json::parse(R"({"created_at":"2026-01-01T00:00:01.999999999Z"})");
  EXPECT_EQ(created_of(chunk.as_object()), 1767225601);
}

TEST(OllamaAnswerFields, UsageCountsMissingAsZero) {
  auto usage = read_usage(json::parse(R"({"eval_count":7})").as_object());
  EXPECT_TRUE(usage.known);
  EXPECT_EQ(usage.prompt, 0);
  EXPECT_EQ(usage.completion, 7);
  EXPECT_EQ(usage.total(), 7);
}

}  // namespace
}  // namespace keygate::ollama::answer_fields_test
