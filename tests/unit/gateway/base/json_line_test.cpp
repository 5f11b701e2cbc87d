#include "gateway/base/json_line.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace keygate::json_line_test {
namespace {

// What boost::json::serialize makes of a string: access lines were serialized that way before
// json_line wrote them, and must read the same.
std::string serialized(std::string_view text) {
  return boost::json::serialize(boost::json::value(text));
}

std::string written(std::string_view text) {
  return std::move(json_line().field("v", text)).finish();
}

TEST(JsonLine, WritesFieldsInOrderWithNestedObjects) {
  json_line line;
  line.field("a", "x")
      .field("n", std::int64_t{-3})
      .field("u", std::size_t{7})
      .field("ok", true)
      .field("no", false)
      .null_field("none")
      .open_object("inner")
      .field("p", 1)
      .field("q", 2)
      .close_object()
      .open_object("empty")
      .close_object()
      .field("last", 0);
  EXPECT_EQ(std::move(line).finish(), R"({"a":"x","n":-3,"u":7,"ok":true,"no":false,"none":null,)"
                                      R"("inner":{"p":1,"q":2},"empty":{},"last":0})");
}

TEST(JsonLine, AnEmptyLineIsAnEmptyObject) {
  EXPECT_EQ(json_line().finish(), "{}");
}

TEST(JsonLine, EscapesQuotesAndBackslashes) {
  EXPECT_EQ(written(R"(say "hi" \ bye)"), R"({"v":"say \"hi\" \\ bye"})");
}

TEST(JsonLine, EscapesControlCharacters) {
  EXPECT_EQ(written("a\nb\tc\rd\be\ff"), R"({"v":"a\nb\tc\rd\be\ff"})");
  EXPECT_EQ(written(std::string_view("\0\x01\x1f", 3)), R"({"v":"\u0000\u0001\u001f"})");
  EXPECT_EQ(written("\x7f"), "{\"v\":\"\x7f\"}");  // DEL is not a control character in JSON
}

TEST(JsonLine, KeepsUtf8AndPassesInvalidBytesThrough) {
  EXPECT_EQ(written("caf\xc3\xa9 \xe2\x82\xac"), "{\"v\":\"caf\xc3\xa9 \xe2\x82\xac\"}");
  EXPECT_EQ(written("bad \xff\xc3 end"), "{\"v\":\"bad \xff\xc3 end\"}");
}

TEST(JsonLine, EscapesEveryByteAsBoostJsonSerializes) {
  std::string every_byte;
  for (int c = 0; c < 256; ++c) every_byte.push_back(static_cast<char>(c));
  EXPECT_EQ(written(every_byte), R"({"v":)" + serialized(every_byte) + "}");
}

TEST(JsonLine, WritesNumbersAsPeopleReadThemAndReadsThemBackExactly) {
  const std::pair<double, const char*> readable[] = {{0.0, "0"},
                                                     {-0.0, "-0"},
                                                     {0.184, "0.184"},
                                                     {2.0, "2"},
                                                     {1234.567, "1234.567"},
                                                     {9.15e-4, "0.000915"},
                                                     {2823.005, "2823.005"},
                                                     {1e-9, "1e-09"},
                                                     {1e300, "1e+300"}};
  for (const auto& [d, text] : readable)
    EXPECT_EQ(std::move(json_line().field("v", d)).finish(), std::string(R"({"v":)") + text + "}");
  for (double d : {0.1 + 0.2, 3.0e-6, 12345678.9, std::numeric_limits<double>::min(),
                   std::numeric_limits<double>::max()}) {
    const auto line = std::move(json_line().field("v", d)).finish();
    EXPECT_EQ(boost::json::parse(line).at("v").to_number<double>(), d) << line;
  }
  EXPECT_EQ(std::move(json_line().field("v", std::numeric_limits<double>::quiet_NaN())).finish(),
            R"({"v":null})");
}

TEST(JsonLine, WritesIntegersAsBoostJsonSerializes) {
  for (std::int64_t i :
       {std::int64_t{0}, std::int64_t{-1}, std::numeric_limits<std::int64_t>::min(),
        std::numeric_limits<std::int64_t>::max()}) {
    const auto line = std::move(json_line().field("v", i)).finish();
    EXPECT_EQ(line, R"({"v":)" + boost::json::serialize(boost::json::value(i)) + "}") << i;
  }
  const auto max = std::numeric_limits<std::uint64_t>::max();
  EXPECT_EQ(std::move(json_line().field("v", max)).finish(), R"({"v":18446744073709551615})");
}

TEST(JsonLine, ParsesBackToTheSameValues) {
  json_line line;
  line.field("s", "tab\there \"q\" \x01").field("d", 0.25).open_object("o").field("i", 42);
  line.close_object();
  const auto parsed = boost::json::parse(std::move(line).finish()).as_object();
  EXPECT_EQ(parsed.at("s").as_string(), "tab\there \"q\" \x01");
  EXPECT_EQ(parsed.at("d").as_double(), 0.25);
  EXPECT_EQ(parsed.at("o").at("i").as_int64(), 42);
}

TEST(JsonLine, MillisecondsReadAsTheDoubleOfTheirMicroseconds) {
  auto both = [](std::int64_t micros) {
    const auto as_millis =
        std::move(json_line().millis_field("v", std::chrono::microseconds(micros))).finish();
    const auto as_double =
        std::move(json_line().field("v", static_cast<double>(micros) / 1000)).finish();
    return std::pair(as_millis, as_double);
  };
  EXPECT_EQ(both(12'500).first, R"({"v":12.5})");
  EXPECT_EQ(both(31).first, R"({"v":0.031})");
  EXPECT_EQ(both(2'000).first, R"({"v":2})");
  EXPECT_EQ(both(100'000'000).first, R"({"v":1e+05})");  // to_chars's shorter form, as before
  std::vector<std::int64_t> samples;
  for (std::int64_t m = 0; m < 200'000; ++m) samples.push_back(m);
  for (std::int64_t m = 99'990'000; m < 100'010'000; ++m) samples.push_back(m);
  std::uint64_t state = 88172645463325252ULL;  // xorshift: the same samples every run
  for (int i = 0; i < 100'000; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    samples.push_back(static_cast<std::int64_t>(state % 20'000'000'000ULL));
  }
  for (std::int64_t m : {std::int64_t{-1}, std::int64_t{-1500}, std::int64_t{1'000'000'000'000}})
    samples.push_back(m);
  int mismatches = 0;
  for (std::int64_t m : samples) {
    const auto [as_millis, as_double] = both(m);
    if (as_millis != as_double && ++mismatches <= 5)
      ADD_FAILURE() << m << ": " << as_millis << " vs " << as_double;
  }
  EXPECT_EQ(mismatches, 0);
}

TEST(JsonLine, GrowsPastItsFirstCapacity) {
  json_line line(16);
  std::string expected = "{";
  for (int i = 0; i < 200; ++i) {
    line.field("k", "a \"quoted\" value\n");
    expected += std::string(i ? "," : "") + R"("k":"a \"quoted\" value\n")";
  }
  EXPECT_EQ(std::move(line).finish(), expected + "}");
}

TEST(JsonLine, AppendsEscapedTextToAString) {
  std::string out = "x";
  append_json_escaped(out, "plain text, long enough for whole words");
  append_json_escaped(out, "\x1f\"\\\x7f\xc3\xa9");
  EXPECT_EQ(out, "xplain text, long enough for whole words\\u001f\\\"\\\\\x7f\xc3\xa9");
}

}  // namespace
}  // namespace keygate::json_line_test
