#include "gateway/pipeline/usage_cost_field.hpp"

#include <gtest/gtest.h>

namespace keygate::usage_cost_field_test {
namespace {

std::string flat(const outgoing_bytes& out) {
  std::string text;
  for (const auto& b : out.buffers()) text.append(static_cast<const char*>(b.data()), b.size());
  return text;
}

TEST(UsageCostField, GoesIntoTheUsageObjectOfAForwardedEvent) {
  const std::string upstream =
      "data: {\"choices\":[],\"usage\": {\"prompt_tokens\":3}}\n\ndata: [DONE]\n\n";
  outgoing_bytes out;
  out.forward(upstream);
  auto spot = find_usage_object(out);
  ASSERT_TRUE(spot);
  add_cost_to_usage(out, *spot, "0.00042");
  EXPECT_EQ(flat(out),
            "data: {\"choices\":[],\"usage\": {\"cost_usd\":0.00042,\"prompt_tokens\":3}}\n\n"
            "data: [DONE]\n\n");
}

TEST(UsageCostField, IgnoresNullUsageAndQuotedText) {
  outgoing_bytes out;
  out.emit(
      "data: {\"usage\":null,\"choices\":[{\"delta\":{\"content\":\"\\\"usage\\\":{\"}}]}\n\n");
  EXPECT_FALSE(find_usage_object(out));
}

TEST(UsageCostField, AnEmptyUsageObjectGetsNoComma) {
  outgoing_bytes out;
  out.emit("x");
  out.emit("{\"usage\":{}}");
  auto spot = find_usage_object(out);
  ASSERT_TRUE(spot);
  EXPECT_EQ(spot->buffer, 1u);
  add_cost_to_usage(out, *spot, "0.0");
  EXPECT_EQ(flat(out), "x{\"usage\":{\"cost_usd\":0.0}}");
}

}  // namespace
}  // namespace keygate::usage_cost_field_test
