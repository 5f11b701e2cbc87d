#include "gateway/storage/libpq_api.hpp"

#include <gtest/gtest.h>

namespace keygate::libpq_api_test {
namespace {

// libpq5 is a runtime dependency (scripts/install-deps.sh --runtime): it loads, and once.
TEST(LibpqApi, LoadsEveryFunctionOnce) {
  const libpq_api& api = libpq();
  EXPECT_EQ(&api, &libpq());
  EXPECT_NE(api.PQconnectStartParams, nullptr);
  EXPECT_NE(api.PQcmdTuples, nullptr);
  // A call through the table reaches libpq: a missing connection is a bad one.
  EXPECT_EQ(api.PQstatus(nullptr), CONNECTION_BAD);
}

}  // namespace
}  // namespace keygate::libpq_api_test
