#include "gateway/upstream/lazy_client_tls.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace keygate::lazy_client_tls_test {
namespace {

TEST(LazyClientTls, BuildsOneContextOnFirstUseAndKeepsIt) {
  lazy_client_tls tls(true, "");
  std::string error;
  net::ssl::context* first = tls.get(error);
  ASSERT_NE(first, nullptr) << error;
  EXPECT_EQ(tls.get(error), first);
  EXPECT_TRUE(error.empty());
}

TEST(LazyClientTls, AMissingCaFileIsAnErrorNamingItAndIsTriedAgain) {
  const std::string path = ::testing::TempDir() + "lazy_client_tls_ca.pem";
  std::remove(path.c_str());
  lazy_client_tls tls(false, path);
  std::string error;
  EXPECT_EQ(tls.get(error), nullptr);
  EXPECT_NE(error.find("cannot load the CA certificates of " + path), std::string::npos) << error;

  std::ofstream(path) << "not a certificate\n";
  error.clear();
  EXPECT_EQ(tls.get(error), nullptr) << "a file without a certificate is refused too";
  EXPECT_FALSE(error.empty());
  std::remove(path.c_str());
}

}  // namespace
}  // namespace keygate::lazy_client_tls_test
