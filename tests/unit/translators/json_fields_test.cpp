#include "translators/json_fields.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace keygate::json_fields {
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

}  // namespace
}  // namespace keygate::json_fields
