// Figures for the PostgreSQL ledger (printed, not asserted, except the spend query's 200 ms p95):
// rows written per second, the spool's replay time, spend queries over a million rows. Slow, so
// only with KEYGATE_PG_BENCH=1 (bench/ledger_pg.sh sets it and keeps PostgreSQL's fsync on).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "gateway/accounting/postgres_ledger.hpp"
#include "ledger_test_support.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/postgres_server.hpp"

namespace keygate::postgres_ledger_bench_test {
namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;
using testing::eventually;
using testing::postgres_server;

bool wanted() {
  return std::getenv("KEYGATE_PG_BENCH") != nullptr;
}

#define KEYGATE_PG_BENCH_ONLY()                                                   \
  do {                                                                            \
    if (!wanted()) GTEST_SKIP() << "set KEYGATE_PG_BENCH=1 (bench/ledger_pg.sh)"; \
    KEYGATE_NEED_POSTGRES();                                                      \
  } while (0)

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

postgres_ledger_options options_for(const postgres_server& server, const test::temp_dir& dir) {
  postgres_ledger_options options;
  options.postgres = server.options();
  options.spool_path = dir.file("ledger.spool");
  options.retry_every = 100ms;
  options.max_queue = 1'000'000;
  return options;
}

task<void> durable_until(ledger_store& book, clock_type::time_point end, int base,
                         std::atomic<std::int64_t>& appends, std::vector<double>& latencies) {
  for (int i = 0; clock_type::now() < end; ++i) {
    auto record = test::sample_record(base + i);
    const auto start = clock_type::now();
    co_await book.append_durable(std::move(record));
    latencies.push_back(
        std::chrono::duration<double, std::milli>(clock_type::now() - start).count());
    appends.fetch_add(1, std::memory_order_relaxed);
  }
}

TEST(PostgresLedgerBench, RowsWrittenPerSecond) {
  KEYGATE_PG_BENCH_ONLY();
  postgres_server server;
  test::temp_dir dir;
  postgres_ledger book(options_for(server, dir));
  // Plain appends: a burst, written in batches.
  constexpr int burst = 200'000;
  auto start = clock_type::now();
  for (int i = 0; i < burst; ++i) book.append(test::sample_record(i));
  ASSERT_TRUE(eventually([&] { return book.queued() == 0; }, 120s));
  std::printf("plain burst: %d rows in %.2f s = %.0f rows/s\n", burst, seconds_since(start),
              burst / seconds_since(start));
  // Durable appends: 2 threads x `in_flight` coroutines, each waiting for its row.
  for (int in_flight : {1, 64}) {
    std::atomic<std::int64_t> appends{0};
    std::vector<double> latencies[2];
    const auto end = clock_type::now() + 3s;
    start = clock_type::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t)
      threads.emplace_back([&, t] {
        net::io_context io;
        for (int c = 0; c < in_flight; ++c)
          net::co_spawn(
              io, durable_until(book, end, 1'000'000 * (t + 1) + c * 10'000, appends, latencies[t]),
              net::detached);
        io.run();
      });
    for (auto& t : threads) t.join();
    std::vector<double> all(latencies[0]);
    all.insert(all.end(), latencies[1].begin(), latencies[1].end());
    std::printf("durable, 2 threads x %d in flight: %.0f rows/s, p50 %.2f ms, p99 %.2f ms\n",
                in_flight, static_cast<double>(appends) / seconds_since(start),
                percentile(all, 0.5), percentile(all, 0.99));
  }
  EXPECT_EQ(book.dropped(), 0u);
}

TEST(PostgresLedgerBench, SpoolReplayTime) {
  KEYGATE_PG_BENCH_ONLY();
  postgres_server server;
  test::temp_dir dir;
  postgres_ledger book(options_for(server, dir));
  server.stop();
  constexpr int rows = 100'000;
  auto start = clock_type::now();
  for (int i = 0; i < rows; ++i) book.append(test::sample_record(i));
  ASSERT_TRUE(eventually([&] { return book.spooled() == rows; }, 120s));
  std::printf("spooled %d rows in %.2f s = %.0f rows/s (fdatasync per batch)\n", rows,
              seconds_since(start), rows / seconds_since(start));
  start = clock_type::now();
  server.start();
  const auto started = seconds_since(start);
  ASSERT_TRUE(eventually([&] { return !book.spooling(); }, 300s));
  const auto replay = seconds_since(start) - started;
  std::printf("replayed %d rows in %.2f s = %.0f rows/s (after %.2f s for the server to start)\n",
              rows, replay, rows / replay, started);
  EXPECT_EQ(server.count("SELECT count(*) FROM requests"), rows);
}

TEST(PostgresLedgerBench, SpendQueriesOverAMillionRows) {
  KEYGATE_PG_BENCH_ONLY();
  postgres_server server;
  test::temp_dir dir;
  postgres_ledger book(options_for(server, dir));
  // A million rows over the last 30 days, 100 keys, 10 teams, 20 models.
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const auto base = now_ms - 30LL * 86'400'000;
  auto start = clock_type::now();
  server.psql(
      "INSERT INTO requests (record_id, request_id, time_ms, key_id, team, endpoint, model, "
      "deployment, provider, status, error_code, prompt_tokens, completion_tokens, cached_tokens, "
      "cache_write_tokens, reasoning_tokens, usage_known, cost_nanos, latency_ms, stream, "
      "client_gone, ttft_ms, overhead_ms, attempts) SELECT 'b-' || g, 'req-' || g, " +
      std::to_string(base) +
      " + g::bigint * 2592, 'key-' || (g % 100), 'team-' || (g % 10), 'chat.completions', "
      "'model-' || (g % 20), 'dep', 'openai', 200, '', 100, 200, 0, 0, 0, true, 1000 + g % 7, "
      "12.5, false, false, NULL, 0.3, 1 FROM generate_series(1, 1000000) g; "
      // Loaded in one statement, not through the writer: its daily totals as migration 3 makes
      // them.
      "INSERT INTO spend_daily SELECT time_ms / 86400000, key_id, team, model, count(*), "
      "sum(prompt_tokens), sum(completion_tokens), sum(cached_tokens), sum(cache_write_tokens), "
      "sum(reasoning_tokens), coalesce(sum(cost_nanos), 0), count(*) - count(cost_nanos) "
      "FROM requests GROUP BY 1, 2, 3, 4; ANALYZE requests; ANALYZE spend_daily");
  std::printf("loaded 1 000 000 rows in %.1f s\n", seconds_since(start));

  auto time_it = [&](const char* name, auto&& question) {
    std::vector<double> ms;
    for (int i = 0; i < 40; ++i) {
      const auto t = clock_type::now();
      question();
      ms.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - t).count());
    }
    std::printf("%-48s p50 %7.1f ms  p95 %7.1f ms\n", name, percentile(ms, 0.5),
                percentile(ms, 0.95));
    return percentile(ms, 0.95);
  };
  const auto everything = time_it("spend by key, all 1M rows", [&] {
    spend_query q;
    q.group_by = spend_group::key;
    EXPECT_EQ(book.query_spend(q).size(), 100u);
  });
  time_it("spend by day, all 1M rows", [&] {
    spend_query q;
    q.group_by = spend_group::day;
    book.query_spend(q);
  });
  time_it("spend by model, last 7 days", [&] {
    spend_query q;
    q.group_by = spend_group::model;
    q.from_ms = now_ms - 7LL * 86'400'000;
    book.query_spend(q);
  });
  time_it("spend by key, last 7 days from mid-day", [&] {
    spend_query q;
    q.group_by = spend_group::key;
    q.from_ms = now_ms - 7LL * 86'400'000;
    q.to_ms = now_ms;
    EXPECT_EQ(book.query_spend(q).size(), 100u);
  });
  time_it("spend by day, one key, 30 days", [&] {
    spend_query q;
    q.group_by = spend_group::day;
    q.key_id = "key-7";
    book.query_spend(q);
  });
  time_it("spend_since (budget restore), this month",
          [&] { book.spend_since(now_ms - 15LL * 86'400'000); });
  EXPECT_LE(everything, 200.0) << "the console's target: 200 ms p95";
}

}  // namespace
}  // namespace keygate::postgres_ledger_bench_test
