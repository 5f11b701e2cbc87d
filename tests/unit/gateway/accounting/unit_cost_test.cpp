// Costs of the endpoints billed per unit (images, seconds of audio, characters, search units).
#include <gtest/gtest.h>

#include <limits>

#include "gateway/accounting/cost.hpp"

namespace keygate::unit_cost_test {
namespace {

token_usage units(usage_unit unit, double n) {
  token_usage usage;
  usage.unit = unit;
  usage.units = n;
  usage.known = true;
  return usage;
}

TEST(UnitCost, EachUnitAtItsOwnPrice) {
  token_prices prices;
  prices.per_image = 0.04;
  prices.per_audio_second = 0.0001;
  prices.per_character = 15.0 / 1e6;
  prices.per_search_unit = 2.0 / 1e3;
  EXPECT_EQ(cost_nanos(units(usage_unit::images, 3), prices), 120'000'000);
  EXPECT_EQ(cost_nanos(units(usage_unit::audio_seconds, 1.5), prices), 150'000);
  EXPECT_EQ(cost_nanos(units(usage_unit::characters, 11), prices), 165'000);
  EXPECT_EQ(cost_nanos(units(usage_unit::search_units, 1), prices), 2'000'000);
}

TEST(UnitCost, UnitsWithoutAPriceCostNothingAndTokensStillCount) {
  token_prices prices{.input = 5, .output = 40};
  auto usage = units(usage_unit::images, 2);
  EXPECT_EQ(cost_nanos(usage, prices), 0);
  usage.prompt = 1000;
  usage.completion = 1000;
  EXPECT_EQ(cost_nanos(usage, prices), 45'000'000);  // $0.005 in, $0.04 out
}

TEST(UnitCost, NegativeAndHugeCountsStayBounded) {
  token_prices prices;
  prices.per_image = 1e6;
  EXPECT_EQ(cost_nanos(units(usage_unit::images, -4), prices), 0);
  EXPECT_EQ(cost_nanos(units(usage_unit::images, 1e300), prices),
            std::numeric_limits<std::int64_t>::max());
}

}  // namespace
}  // namespace keygate::unit_cost_test
