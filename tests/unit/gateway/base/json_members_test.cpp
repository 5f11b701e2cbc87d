#include "gateway/base/json_members.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace keygate::json_members_test {
namespace {

using members = std::vector<std::pair<std::string, std::string>>;

// The members read, or nothing (and failed) when the text is refused.
std::pair<members, bool> read(std::string_view text) {
  json_members object(text);
  members out;
  std::string_view key, value;
  while (object.next(key, value)) out.emplace_back(key, value);
  return {out, !object.failed()};
}

TEST(JsonMembers, GivesEachKeyAndTheRawTextOfItsValue) {
  const auto [out, ok] =
      read(R"( { "a" : 1 , "b":"x\"y}","c":{"d":[1,{"e":"]"}]},"f":[],"g":null,"h":-2.5e3 } )");
  ASSERT_TRUE(ok);
  EXPECT_EQ(out, (members{{"a", "1"},
                          {"b", R"("x\"y}")"},
                          {"c", R"({"d":[1,{"e":"]"}]})"},
                          {"f", "[]"},
                          {"g", "null"},
                          {"h", "-2.5e3"}}));
}

TEST(JsonMembers, AnEmptyObjectHasNoMembers) {
  const auto [out, ok] = read(" {\n} ");
  EXPECT_TRUE(ok);
  EXPECT_TRUE(out.empty());
}

TEST(JsonMembers, EndIsJustPastTheObject) {
  const std::string text = R"({"a":{"b":"}"}} tail)";
  json_members object(text);
  std::string_view key, value;
  while (object.next(key, value)) {
  }
  ASSERT_FALSE(object.failed());
  EXPECT_EQ(text.substr(object.end()), " tail");
  EXPECT_FALSE(only_json_whitespace_from(text, object.end()));
  EXPECT_TRUE(only_json_whitespace_from("{} \r\n\t", 2));
}

TEST(JsonMembers, EscapedBackslashBeforeAQuoteEndsTheString) {
  const auto [out, ok] = read(R"({"a":"\\","b":"\\\"","c":1})");
  ASSERT_TRUE(ok);
  EXPECT_EQ(out, (members{{"a", R"("\\")"}, {"b", R"("\\\"")"}, {"c", "1"}}));
}

TEST(JsonMembers, LongStringsAreSkippedWhole) {
  std::string text =
      R"({"a":")" + std::string(100, 'x') + R"(\")" + std::string(37, 'y') + R"(","b":2})";
  const auto [out, ok] = read(text);
  ASSERT_TRUE(ok);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1], (std::pair<std::string, std::string>{"b", "2"}));
}

TEST(JsonMembers, RefusesWhatIsNotAnObject) {
  for (const char* text :
       {"", "   ", "[]", R"("a")", "1", R"({"a":1)", R"({"a":)", R"({"a")", R"({"a)", R"({a:1})",
        R"({"a":1,})", R"({"a":1 "b":2})", R"({"a":[1,2}})", R"({"a":{"b":1]})", R"({"a":"x})",
        R"({"a":[)", R"({,"a":1})", R"({"a"::1})", R"({"a":1:2})"}) {
    const auto [out, ok] = read(text);
    EXPECT_FALSE(ok) << text;
  }
}

TEST(JsonMembers, RefusesNestingDeeperThanItTracks) {
  const std::string deep = R"({"a":)" + std::string(2000, '[') + std::string(2000, ']') + "}";
  EXPECT_FALSE(read(deep).second);
  const std::string fine = R"({"a":)" + std::string(500, '[') + std::string(500, ']') + "}";
  EXPECT_TRUE(read(fine).second);
}

TEST(JsonMembers, ReadsANestedObjectInTheSamePass) {
  const std::string text = R"({"a":1,"o":{"x":"}","y":[2],"z":3},"b":"end"})";
  json_members outer(text);
  std::string_view key;
  members inner_read;
  std::vector<std::string> outer_keys;
  while (outer.next_key(key)) {
    outer_keys.emplace_back(key);
    if (!outer.value_is_object()) {
      outer.skip_value();
      continue;
    }
    json_members inner = outer.open_value();
    std::string_view inner_key;
    // Only the first member is read; resume_after skips the rest.
    if (inner.next_key(inner_key)) inner_read.emplace_back(inner_key, inner.skip_value());
    outer.resume_after(inner);
  }
  ASSERT_FALSE(outer.failed());
  EXPECT_EQ(outer_keys, (std::vector<std::string>{"a", "o", "b"}));
  EXPECT_EQ(inner_read, (members{{"x", R"("}")"}}));
  EXPECT_EQ(outer.end(), text.size());
}

TEST(JsonMembers, AMalformedNestedObjectFailsItsParent) {
  const std::string text = R"({"o":{"x":1,,},"b":2})";
  json_members outer(text);
  std::string_view key;
  ASSERT_TRUE(outer.next_key(key));
  ASSERT_TRUE(outer.value_is_object());
  json_members inner = outer.open_value();
  outer.resume_after(inner);
  EXPECT_TRUE(outer.failed());
  EXPECT_FALSE(outer.next_key(key));
}

}  // namespace
}  // namespace keygate::json_members_test
