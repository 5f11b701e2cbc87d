#include "gateway/translators/registry.hpp"

#include <gtest/gtest.h>

#include "gateway/config/provider_traits.hpp"

namespace keygate::registry_test {
namespace {

TEST(Registry, EveryProviderTheConfigurationKnowsHasAnImplementation) {
  for (const auto& traits : all_provider_traits()) {
    EXPECT_TRUE(has_provider(traits.name)) << traits.name;
    EXPECT_NO_THROW(provider_for(traits.name)) << traits.name;
  }
}

TEST(Registry, AnUnknownNameHasNone) {
  EXPECT_FALSE(has_provider("nowhere"));
  EXPECT_THROW(provider_for("nowhere"), std::logic_error);
}

}  // namespace
}  // namespace keygate::registry_test
