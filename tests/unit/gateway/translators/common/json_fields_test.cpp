#include "gateway/translators/common/json_fields.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace keygate::json_fields::json_fields_test {
namespace {

std::int64_t count_in(std::string_view json) {
  return count_at(boost::json::parse(json).as_object(), "n");
}

TEST(CountAt, ReadsWholeAndFractionalCounts) {
  EXPECT_EQ(count_in(R"({"n":42})"), 42);
  EXPECT_EQ(count_in(R"({"n":42.0})"), 42);
  EXPECT_EQ(count_in(R"({"n":18446744073709551615})"), 0);
  EXPECT_EQ(count_in(R"({})"), 0);
  EXPECT_EQ(count_in(R"({"n":"42"})"), 0);
}

// Found by fuzzing: converting a huge double to an integer is undefined behaviour.
TEST(CountAt, OutOfRangeCountsAreZero) {
  EXPECT_EQ(count_in(R"({"n":1.76723e+86})"), 0);
  EXPECT_EQ(count_in(R"({"n":-3})"), 0);
  EXPECT_EQ(count_in(R"({"n":-1e300})"), 0);
}

std::optional<std::int64_t> positive_in(std::string_view json) {
  return positive_integer(find(boost::json::parse(json).as_object(), "n"));
}

TEST(PositiveInteger, TakesWholeNumbersFromOneTo2To53) {
  EXPECT_EQ(positive_in(R"({"n":1})"), 1);
  EXPECT_EQ(positive_in(R"({"n":3.0})"), 3);
  EXPECT_EQ(positive_in(R"({"n":9007199254740992})"), 9007199254740992);
}

// Found by fuzzing (Gemini's n): the range is checked before a double becomes an integer.
TEST(PositiveInteger, RefusesWhatIsNotOne) {
  for (const char* json :
       {R"({"n":0})", R"({"n":-2})", R"({"n":2.5})", R"({"n":2111111111111111111111})",
        R"({"n":1e300})", R"({"n":18446744073709551615})", R"({"n":"3"})", R"({"n":null})",
        R"({})"})
    EXPECT_EQ(positive_in(json), std::nullopt) << json;
}

}  // namespace
}  // namespace keygate::json_fields::json_fields_test
