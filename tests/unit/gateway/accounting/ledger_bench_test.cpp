// Throughput and latency figures for the ledger's writer (printed, not asserted: the machine is
// shared). Run alone: ctest -R LedgerBench.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "gateway/accounting/ledger.hpp"
#include "ledger_test_support.hpp"
#include "tests/support/eventually.hpp"

namespace keygate::ledger_bench_test {
namespace {

using clock_type = std::chrono::steady_clock;
using testing::eventually;

struct run_stats {
  std::atomic<std::int64_t> appends{0};
  std::vector<double> latencies_us[2];  // per thread, no sharing
};

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

task<void> durable_until(ledger& book, clock_type::time_point end, int base,
                         std::atomic<std::int64_t>& appends, std::vector<double>& latencies) {
  for (int i = 0; clock_type::now() < end; ++i) {
    auto record = test::sample_record(base + i);
    const auto start = clock_type::now();
    co_await book.append_durable(std::move(record));
    latencies.push_back(
        std::chrono::duration<double, std::micro>(clock_type::now() - start).count());
    appends.fetch_add(1, std::memory_order_relaxed);
  }
}

// `in_flight` coroutines per thread on 2 io_context threads, each awaiting one durable append
// after another, for `seconds`; with the journal, or waiting for commits.
void durable_run(int in_flight, double seconds, bool journal) {
  test::temp_dir dir;
  ledger_options options;
  options.path = dir.file("ledger.db");
  options.journal = journal;
  ledger book(options);
  run_stats stats;
  const auto start = clock_type::now();
  const auto end = start + std::chrono::duration_cast<clock_type::duration>(
                               std::chrono::duration<double>(seconds));
  auto worker = [&](int t) {
    net::io_context io(1);
    for (int c = 0; c < in_flight; ++c)
      net::co_spawn(io,
                    durable_until(book, end, (t * in_flight + c) * 1'000'000, stats.appends,
                                  stats.latencies_us[t]),
                    net::detached);
    io.run();
  };
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  const double elapsed = std::chrono::duration<double>(clock_type::now() - start).count();
  // With the journal the appenders never waited: the writer catches up now.
  ASSERT_TRUE(eventually(
      [&] {
        return book.written() + book.dropped() >= static_cast<std::uint64_t>(stats.appends.load());
      },
      std::chrono::seconds(60)));
  std::vector<double> all = stats.latencies_us[0];
  all.insert(all.end(), stats.latencies_us[1].begin(), stats.latencies_us[1].end());
  const auto appends = stats.appends.load();
  std::printf(
      "[ledger bench] durable (%s), 2 threads x %d in flight: %.0f records/s in %.0f commits/s "
      "(%.1f records per commit); append_durable latency p50 %.0f us, p99 %.0f us\n",
      journal ? "journal" : "waiting for commits", in_flight,
      static_cast<double>(appends) / elapsed, static_cast<double>(book.commits()) / elapsed,
      static_cast<double>(appends) /
          static_cast<double>(std::max<std::uint64_t>(book.commits(), 1)),
      percentile(all, 0.5), percentile(all, 0.99));
  EXPECT_EQ(book.written(), static_cast<std::uint64_t>(appends));
  EXPECT_EQ(book.dropped(), 0u);
}

TEST(LedgerBench, DurableAppendsFromTwoThreads) {
  for (const bool journal : {true, false}) {
    durable_run(1, 1.0, journal);    // one at a time per thread: the commit latency
    durable_run(64, 1.0, journal);   // group commit under load
    durable_run(512, 1.0, journal);  // a busy gateway
  }
}

// Plain appends as fast as 2 threads can make them; the queue is big enough that none drop, so
// the time until the last commit is what the writer sustains.
TEST(LedgerBench, PlainAppendsFromTwoThreads) {
  test::temp_dir dir;
  ledger_options options;
  options.path = dir.file("ledger.db");
  options.max_queue = 1'000'000;
  constexpr int per_thread = 100'000;
  std::vector<ledger_record> records[2];
  for (int t = 0; t < 2; ++t)
    for (int i = 0; i < per_thread; ++i)
      records[t].push_back(test::sample_record(t * per_thread + i));
  ledger book(options);
  double append_ns[2] = {0, 0};
  const auto start = clock_type::now();
  auto worker = [&](int t) {
    const auto begin = clock_type::now();
    for (auto& r : records[t]) book.append(std::move(r));
    append_ns[t] =
        std::chrono::duration<double, std::nano>(clock_type::now() - begin).count() / per_thread;
  };
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  ASSERT_TRUE(eventually([&] { return book.written() + book.dropped() >= 2u * per_thread; },
                         std::chrono::seconds(60)));
  const double seconds = std::chrono::duration<double>(clock_type::now() - start).count();
  std::printf(
      "[ledger bench] plain, 2 threads x %d records: append() %.0f ns each; all committed in "
      "%.3f s: %.0f records/s in %llu commits\n",
      per_thread, (append_ns[0] + append_ns[1]) / 2, seconds,
      static_cast<double>(book.written()) / seconds,
      static_cast<unsigned long long>(book.commits()));
  EXPECT_EQ(book.written(), 2u * per_thread);
}

// What append() costs a worker when the writer keeps up (the usual case): bursts of 2000 records
// from one thread, each burst committed before the next, so the queue's capacity is reused.
TEST(LedgerBench, PlainAppendWhenTheWriterKeepsUp) {
  test::temp_dir dir;
  ledger_options options;
  options.path = dir.file("ledger.db");
  constexpr int bursts = 50, burst = 2000;
  std::vector<ledger_record> records;
  for (int i = 0; i < bursts * burst; ++i) records.push_back(test::sample_record(i));
  ledger book(options);
  double ns = 0;
  for (int b = 0; b < bursts; ++b) {
    const auto begin = clock_type::now();
    for (int i = 0; i < burst; ++i) book.append(std::move(records[b * burst + i]));
    ns += std::chrono::duration<double, std::nano>(clock_type::now() - begin).count();
    ASSERT_TRUE(
        eventually([&] { return book.written() >= static_cast<std::uint64_t>((b + 1) * burst); }));
  }
  std::printf("[ledger bench] plain, 1 thread, writer keeping up: append() %.0f ns each\n",
              ns / (bursts * burst));
  EXPECT_EQ(book.dropped(), 0u);
}

}  // namespace
}  // namespace keygate::ledger_bench_test
