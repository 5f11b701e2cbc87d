#include "gateway/base/secure_random.hpp"

#include <gtest/gtest.h>

#include <array>
#include <bitset>
#include <thread>
#include <vector>

namespace keygate::secure_random_test {
namespace {

TEST(SecureRandom, TwoDrawsDiffer) {
  std::array<unsigned char, 32> a{}, b{};
  fill_secure_random(a.data(), a.size());
  fill_secure_random(b.data(), b.size());
  EXPECT_NE(a, b);
}

// More than the per-thread pool holds, and from an odd offset into it: every byte is written.
TEST(SecureRandom, FillsRequestsLargerThanItsPool) {
  std::array<unsigned char, 3> offset{};
  fill_secure_random(offset.data(), offset.size());
  std::vector<unsigned char> big(1000, 0);
  fill_secure_random(big.data(), big.size());
  // 64 zero bytes in a row from a uniform source: one chance in 2^512.
  for (std::size_t at = 0; at + 64 <= big.size(); at += 64) {
    bool all_zero = true;
    for (std::size_t i = at; i < at + 64; ++i) all_zero = all_zero && big[i] == 0;
    EXPECT_FALSE(all_zero) << "bytes " << at << ".." << at + 63 << " were left unwritten";
  }
}

TEST(SecureRandom, EveryByteValueTurnsUp) {
  std::vector<unsigned char> sample(64 * 1024);
  fill_secure_random(sample.data(), sample.size());
  std::bitset<256> seen;
  for (unsigned char b : sample) seen.set(b);
  EXPECT_EQ(seen.count(), 256u);
}

// Each thread has its own pool: two threads never hand out the same bytes.
TEST(SecureRandom, ThreadsDrawDifferentBytes) {
  std::array<unsigned char, 32> first{}, second{};
  std::thread a([&] { fill_secure_random(first.data(), first.size()); });
  std::thread b([&] { fill_secure_random(second.data(), second.size()); });
  a.join();
  b.join();
  EXPECT_NE(first, second);
}

}  // namespace
}  // namespace keygate::secure_random_test
