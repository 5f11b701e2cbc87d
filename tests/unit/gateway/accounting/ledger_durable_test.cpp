#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/system_error.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "gateway/accounting/ledger.hpp"
#include "ledger_test_support.hpp"
#include "tests/support/eventually.hpp"

namespace keygate::ledger_durable_test {
namespace {

using namespace std::chrono_literals;
using test::count_rows;
using test::sample_record;
using test::write_lock;
using testing::eventually;

// Durable appends that wait for their commit (no journal): the waiting is what these test.
ledger_options options_for(const std::string& path) {
  ledger_options options;
  options.path = path;
  options.journal = false;
  options.flush_interval = 60'000ms;  // a durable append must not wait for the flush interval
  options.busy_timeout = 5ms;         // locked-database tests fail fast and retry
  return options;
}

// Coroutines take what they use as parameters: a lambda's captures would die with the lambda.
task<void> append_one(ledger& book, int n, int& done) {
  auto record = sample_record(n);
  co_await book.append_durable(std::move(record));
  ++done;
}

task<void> append_many(ledger& book, int first, int count, std::atomic<int>& completed,
                       std::atomic<int>& wrong_thread) {
  for (int i = 0; i < count; ++i) {
    auto record = sample_record(first + i);
    const auto before = std::this_thread::get_id();
    co_await book.append_durable(std::move(record));
    if (std::this_thread::get_id() != before) ++wrong_thread;
    ++completed;
  }
}

TEST(LedgerDurable, ResumesOnlyOnceAnotherConnectionSeesTheRow) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  ledger book(options_for(path));
  net::io_context io;
  std::vector<std::int64_t> seen;
  auto work = [&]() -> task<void> {
    for (int n = 0; n < 5; ++n) {
      auto record = sample_record(n);
      co_await book.append_durable(std::move(record));
      // The flush interval is a minute: only the durable append's own commit can explain this.
      seen.push_back(count_rows(path));
    }
  };
  test::run_task(io, work());
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(book.written(), 5u);
}

TEST(LedgerDurable, CarriesQueuedPlainAppendsInTheSameCommit) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  ledger book(options_for(path));
  for (int n = 0; n < 10; ++n) book.append(sample_record(n));
  net::io_context io;
  auto work = [&]() -> task<void> {
    auto record = sample_record(10);
    co_await book.append_durable(std::move(record));
  };
  test::run_task(io, work());
  EXPECT_EQ(count_rows(path), 11);
}

TEST(LedgerDurable, ConcurrentAppendsFromTwoThreadsAllCompleteOnce) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  constexpr int per_thread = 40, coroutines = 25;  // 1000 durable records per thread
  std::atomic<int> completed{0}, wrong_thread{0};
  {
    ledger book(options_for(path));
    auto worker = [&](int t) {
      net::io_context io(1);
      for (int c = 0; c < coroutines; ++c)
        net::co_spawn(io,
                      append_many(book, (t * coroutines + c) * per_thread, per_thread, completed,
                                  wrong_thread),
                      [](std::exception_ptr e) {
                        if (e) std::rethrow_exception(e);
                      });
      io.run();
    };
    std::thread a(worker, 0), b(worker, 1);
    a.join();
    b.join();
    EXPECT_EQ(book.written(), 2u * per_thread * coroutines);
  }
  EXPECT_EQ(completed, 2 * per_thread * coroutines);
  EXPECT_EQ(wrong_thread, 0);  // each coroutine resumed on its own io_context's thread
  EXPECT_EQ(count_rows(path), 2 * per_thread * coroutines);
  EXPECT_EQ(test::query_text(path, "SELECT COUNT(DISTINCT request_id) FROM requests"),
            std::to_string(2 * per_thread * coroutines));
}

TEST(LedgerDurable, ACancelledWaitThrowsAndTheRecordIsStillWritten) {
  using namespace net::experimental::awaitable_operators;
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  ledger book(options_for(path));
  write_lock lock(path);
  net::io_context io;
  std::size_t winner = 99;
  auto client_gone = [&]() -> task<void> {
    net::steady_timer timer(io, 50ms);
    co_await timer.async_wait(net::use_awaitable);
  };
  auto work = [&]() -> task<void> {
    auto record = sample_record(7);
    auto result = co_await (book.append_durable(std::move(record)) || client_gone());
    winner = result.index();
  };
  test::run_task(io, work());
  EXPECT_EQ(winner, 1u);  // the client left first; the append's wait was cancelled
  EXPECT_EQ(count_rows(path), 0);

  // Waiting directly: the cancellation arrives as operation_aborted.
  net::cancellation_signal cancel;
  bool aborted = false;
  auto direct = [&]() -> task<void> {
    try {
      auto record = sample_record(8);
      co_await book.append_durable(std::move(record));
    } catch (const boost::system::system_error& e) {
      aborted = e.code() == net::error::operation_aborted;
    }
  };
  net::co_spawn(io, direct(), net::bind_cancellation_slot(cancel.slot(), net::detached));
  io.restart();
  io.poll();  // runs the append up to its wait
  cancel.emit(net::cancellation_type::terminal);
  io.poll();  // runs the cancelled wait's completion
  EXPECT_TRUE(aborted);

  lock.release();
  eventually([&] { return book.written() >= 2; });
  EXPECT_EQ(count_rows(path), 2);
}

TEST(LedgerDurable, AWaiterDestroyedWithItsIoContextBreaksNothing) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  {
    ledger book(options_for(path));
    write_lock lock(path);
    {
      int done = 0;
      net::io_context io;
      for (int n = 0; n < 20; ++n) net::co_spawn(io, append_one(book, n, done), net::detached);
      io.poll();  // runs the appends up to their waits
      EXPECT_EQ(book.queued(), 20u);
    }  // the coroutines' frames die here, before their records are committed
    lock.release();
    eventually([&] { return book.written() >= 20; });
    EXPECT_EQ(book.written(), 20u);
  }
  EXPECT_EQ(count_rows(path), 20);
}

}  // namespace
}  // namespace keygate::ledger_durable_test
