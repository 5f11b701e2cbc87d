// The --expires forms of `keygate keys create` and the table `keygate keys list` prints.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "gateway/cli/expiry.hpp"
#include "gateway/cli/key_table.hpp"

namespace keygate::cli::expiry_and_table_test {
namespace {

constexpr std::int64_t now = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

TEST(Expiry, AcceptsDatesTimesSpansAndMilliseconds) {
  EXPECT_EQ(parse_expiry("2026-12-31", now), 1'798'675'200'000);
  EXPECT_EQ(parse_expiry("2026-12-31T18:30:00Z", now), 1'798'675'200'000 + 66'600'000);
  EXPECT_EQ(parse_expiry("2026-12-31T18:30Z", now), 1'798'675'200'000 + 66'600'000);
  EXPECT_EQ(parse_expiry("30d", now), now + 30 * 86'400'000LL);
  EXPECT_EQ(parse_expiry("12h", now), now + 12 * 3'600'000LL);
  EXPECT_EQ(parse_expiry("90m", now), now + 90 * 60'000LL);
  EXPECT_EQ(parse_expiry("1798675200000", now), 1'798'675'200'000);
}

TEST(Expiry, RefusesAnythingElse) {
  for (const char* text :
       {"", "tomorrow", "0d", "-3d", "d", "2026-13-01", "2026-12-31T18:30", "12345", "30 d"})
    EXPECT_FALSE(parse_expiry(text, now)) << text;
}

TEST(KeyTable, OneRowPerKeyAndNoSecret) {
  auto keys = boost::json::parse(R"([
    {"id":"key-1","alias":"ci","team":"research","models":["a","b"],"rpm":60,"tpm":0,
     "budget":{"usd":25,"period":"monthly"},"expires_at_ms":1798675200000,"revoked":false,
     "source":"api","key":"sk-kg-never-shown","key_sha256":"abcdef"},
    {"id":"alice","alias":"","team":"","models":[],"rpm":0,"tpm":0,"budget":null,
     "expires_at_ms":null,"revoked":true,"source":"config"}
  ])")
                  .as_array();
  const auto table = key_table(keys);
  EXPECT_EQ(table.find("sk-kg-never-shown"), std::string::npos);
  EXPECT_EQ(table.find("abcdef"), std::string::npos);
  EXPECT_NE(
      table.find("key-1  ci     research  a,b     60   -    $25.00/monthly  2026-12-31 00:00Z"),
      std::string::npos)
      << table;
  EXPECT_NE(table.find("alice  -      -         all     -    -    -"), std::string::npos) << table;
  EXPECT_NE(table.find("revoked  config"), std::string::npos) << table;
  EXPECT_NE(key_table(boost::json::array{}).find("(no keys)"), std::string::npos);
}

}  // namespace
}  // namespace keygate::cli::expiry_and_table_test
