// What a keygate holds in memory that it does not use: libraries it has no need of.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::footprint_test {
namespace {

std::string mapped_files(pid_t pid) {
  std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
  std::stringstream text;
  text << maps.rdbuf();
  return text.str();
}

// libpq and what it links (LDAP, Kerberos, GnuTLS) are loaded only for a PostgreSQL ledger.
TEST(Footprint, ServingWithTheSqliteLedgerNeverLoadsLibpq) {
  gateway_fixture env(model_entry("gpt", "fake-gpt"));
  ASSERT_EQ(post_json(env.port(), "/v1/chat/completions", chat_body("gpt")).status, 200);
  const auto maps = mapped_files(env.gateway->pid());
  ASSERT_NE(maps.find("libc.so"), std::string::npos) << "the maps were read";
  EXPECT_EQ(maps.find("libpq.so"), std::string::npos);
  EXPECT_EQ(maps.find("libgnutls"), std::string::npos);
  EXPECT_EQ(maps.find("libldap"), std::string::npos);
}

}  // namespace
}  // namespace keygate::testing::footprint_test
