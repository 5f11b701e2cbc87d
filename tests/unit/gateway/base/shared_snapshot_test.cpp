#include "gateway/base/shared_snapshot.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace keygate::shared_snapshot_test {
namespace {

struct numbered {
  explicit numbered(int n) : value(n), check(n * 7) {}
  int value;
  int check;  // a reader that saw a half-built value would find it out of step with `value`
};

TEST(SharedSnapshot, ReadersKeepTheValueTheyTookWhileAWriterReplacesIt) {
  shared_snapshot<const numbered> holder(std::make_shared<const numbered>(1));
  auto taken = holder.load();
  holder.store(std::make_shared<const numbered>(2));
  EXPECT_EQ(taken->value, 1);
  EXPECT_EQ(holder.load()->value, 2);
}

TEST(SharedSnapshot, EmptyUntilAValueIsStored) {
  shared_snapshot<int> holder;
  EXPECT_EQ(holder.load(), nullptr);
  holder.store(std::make_shared<int>(5));
  EXPECT_EQ(*holder.load(), 5);
}

TEST(SharedSnapshot, ConcurrentReadersSeeOnlyWholeValuesInOrder) {
  shared_snapshot<const numbered> holder(std::make_shared<const numbered>(0));
  constexpr int last = 2000;
  std::atomic<int> torn{0}, backwards{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r)
    readers.emplace_back([&] {
      int seen = 0;
      while (seen < last) {
        auto v = holder.load();
        if (v->check != v->value * 7) ++torn;
        if (v->value < seen) ++backwards;
        seen = v->value;
      }
    });
  for (int n = 1; n <= last; ++n) holder.store(std::make_shared<const numbered>(n));
  for (auto& t : readers) t.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(backwards.load(), 0);
}

}  // namespace
}  // namespace keygate::shared_snapshot_test
