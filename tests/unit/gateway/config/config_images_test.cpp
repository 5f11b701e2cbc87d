// The images section of the config file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway/config/config.hpp"
#include "tests/unit/gateway/config/config_problems.hpp"

namespace keygate::config_images_test {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

const std::string models = "models:\n  - name: m\n    provider: mock\n";

using config_testing::problems_of;

TEST(ConfigImages, SafeDefaults) {
  const auto cfg = parse_config(models, "test.yaml");
  EXPECT_FALSE(cfg.images.allow_private);
  EXPECT_TRUE(cfg.images.allowed_networks.empty());
  EXPECT_TRUE(cfg.images.allowed_hosts.empty());
  EXPECT_EQ(cfg.images.max_bytes, 5u * 1024 * 1024);
  EXPECT_EQ(cfg.images.max_total_bytes, 20u * 1024 * 1024);
  EXPECT_EQ(cfg.images.timeout, std::chrono::milliseconds(10'000));
  EXPECT_EQ(cfg.images.max_redirects, 3);
}

TEST(ConfigImages, ReadsEveryField) {
  const auto cfg = parse_config(models +
                                    "images:\n"
                                    "  allow_private: true\n"
                                    "  allowed_networks: [10.20.0.0/16, 127.0.0.1, \"fd00::/8\"]\n"
                                    "  allowed_hosts: [img.example.com, \"*.cdn.example.net\"]\n"
                                    "  max_bytes: 1000\n"
                                    "  max_total_bytes: 3000\n"
                                    "  timeout_ms: 2500\n"
                                    "  max_redirects: 1\n",
                                "test.yaml");
  const auto& images = cfg.images;
  EXPECT_TRUE(images.allow_private);
  EXPECT_TRUE(images.allowed_networks.contains(boost::asio::ip::make_address("10.20.3.4")));
  EXPECT_TRUE(images.allowed_networks.contains(boost::asio::ip::make_address("127.0.0.1")));
  EXPECT_TRUE(images.allowed_networks.contains(boost::asio::ip::make_address("fd00::5")));
  EXPECT_FALSE(images.allowed_networks.contains(boost::asio::ip::make_address("10.21.0.1")));
  EXPECT_EQ(images.allowed_hosts,
            (std::vector<std::string>{"img.example.com", "*.cdn.example.net"}));
  EXPECT_EQ(images.max_bytes, 1000u);
  EXPECT_EQ(images.max_total_bytes, 3000u);
  EXPECT_EQ(images.timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(images.max_redirects, 1);
}

TEST(ConfigImages, RefusesBadValues) {
  auto problems = problems_of(models +
                              "images:\n"
                              "  allow_privat: true\n"
                              "  allowed_networks: [10.0.0.0/40, example.com]\n"
                              "  allowed_hosts: example.com\n"
                              "  max_bytes: 100\n"
                              "  max_total_bytes: 10\n"
                              "  timeout_ms: 0\n"
                              "  max_redirects: 11\n");
  EXPECT_THAT(problems, Contains(HasSubstr("test.yaml:5: images.allow_privat: unknown field")));
  EXPECT_THAT(problems, Contains(HasSubstr("'10.0.0.0/40' is not an address or a network")));
  EXPECT_THAT(problems, Contains(HasSubstr("'example.com' is not an address or a network")));
  EXPECT_THAT(problems, Contains(HasSubstr("images.allowed_hosts: must be a list of host names")));
  EXPECT_THAT(problems, Contains(HasSubstr("images.max_total_bytes: must be at least max_bytes")));
  EXPECT_THAT(problems, Contains(HasSubstr("images.timeout_ms: must be at least 1")));
  EXPECT_THAT(problems, Contains(HasSubstr("images.max_redirects: must be 0 to 10")));
  EXPECT_EQ(problems.size(), 7u);
}

}  // namespace
}  // namespace keygate::config_images_test
