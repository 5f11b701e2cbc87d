// The metrics section: where /metrics is served and who may read it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gateway/config/config.hpp"
#include "tests/unit/gateway/config/config_problems.hpp"

namespace keygate::config_metrics_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string models = "models:\n  - {name: m, provider: mock}\n";

using config_testing::problems_of;

TEST(ConfigMetrics, ServedOnTheMainPortToAnyoneByDefault) {
  const auto cfg = parse_config(models, "test.yaml");
  EXPECT_TRUE(cfg.metrics.enabled);
  EXPECT_FALSE(cfg.metrics.port.has_value());
  EXPECT_FALSE(cfg.metrics.require_master_key);
}

TEST(ConfigMetrics, ASeparatePortAndTheMasterKey) {
  const auto cfg =
      parse_config(models +
                       "auth: {master_key: master-key-0123456789}\n"
                       "metrics: {port: 9464, host: 0.0.0.0, require_master_key: true}\n",
                   "test.yaml");
  EXPECT_EQ(cfg.metrics.port, 9464);
  EXPECT_EQ(cfg.metrics.host, "0.0.0.0");
  EXPECT_TRUE(cfg.metrics.require_master_key);
  EXPECT_EQ(parse_config(models + "metrics: {port: 0}\n", "test.yaml").metrics.port, 0);
  EXPECT_FALSE(parse_config(models + "metrics: {enabled: false}\n", "test.yaml").metrics.enabled);
}

TEST(ConfigMetrics, MistakesAreNamed) {
  EXPECT_THAT(problems_of(models + "metrics: {port: 70000}\n"),
              ElementsAre(HasSubstr("metrics.port: must be 0 to 65535")));
  EXPECT_THAT(problems_of(models + "metrics: {host: 0.0.0.0}\n"),
              ElementsAre(HasSubstr("metrics.host: needs metrics.port")));
  EXPECT_THAT(problems_of(models + "metrics: {require_master_key: true}\n"),
              ElementsAre(HasSubstr("metrics.require_master_key: needs auth.master_key")));
  EXPECT_THAT(problems_of(models + "metrics: {path: /m}\n"),
              ElementsAre(HasSubstr("metrics.path: unknown field")));
}

}  // namespace
}  // namespace keygate::config_metrics_test
