// The disk stalls (another connection holds the write lock): retries, drops, giving up at close.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "gateway/accounting/ledger.hpp"
#include "ledger_test_support.hpp"
#include "tests/support/eventually.hpp"

namespace keygate::ledger_stall_test {
namespace {

using namespace std::chrono_literals;
using test::count_rows;
using test::sample_record;
using test::write_lock;
using testing::eventually;
using testing::time_limit;

// Durable appends that wait for their commit (no journal): what these tests are about. The
// journal's own behaviour when the disk stalls is at the end.
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

TEST(LedgerStall, WaitsOutALockedDatabaseAndRetries) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  ledger book(options_for(path));
  write_lock lock(path);
  net::io_context io;
  int done = 0;
  net::co_spawn(io, append_one(book, 1, done), net::detached);
  io.poll();  // runs the append up to its wait
  // Once the writer retried, whatever its first failure posted to the waiter is in the queue.
  ASSERT_TRUE(eventually([&] { return book.failed_commits() > 1; }));
  io.poll();
  EXPECT_EQ(done, 0);  // not committed while another connection holds the write lock
  EXPECT_EQ(book.queued(), 1u);
  lock.release();
  io.run_for(5s);
  EXPECT_EQ(done, 1);
  EXPECT_EQ(count_rows(path), 1);
}

TEST(LedgerStall, WhenTheQueueIsFullPlainAppendsDropAndDurableOnesWait) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  auto options = options_for(path);
  options.max_queue = 10;
  ledger book(options);
  write_lock lock(path);  // the disk "stalls"
  for (int n = 0; n < 25; ++n) book.append(sample_record(n));
  EXPECT_EQ(book.queued(), 10u);
  EXPECT_EQ(book.dropped(), 15u);

  net::io_context io;
  int done = 0;
  for (int n = 100; n < 103; ++n) net::co_spawn(io, append_one(book, n, done), net::detached);
  io.poll();  // runs the appends up to their waits
  const auto failed = book.failed_commits();
  ASSERT_TRUE(eventually([&] { return book.failed_commits() > failed + 1; }));
  io.poll();
  EXPECT_EQ(done, 0);
  EXPECT_EQ(book.queued(), 13u);  // durable appends queue past max_queue
  EXPECT_EQ(book.dropped(), 15u);
  lock.release();
  io.run_for(5s);
  EXPECT_EQ(done, 3);
  EXPECT_EQ(count_rows(path), 13);
  std::set<std::string> ids;
  for (const auto& r : test::read_records(path)) ids.insert(r.request_id);
  EXPECT_TRUE(ids.count("req-0") && ids.count("req-9") && !ids.count("req-10"));
  EXPECT_TRUE(ids.count("req-100") && ids.count("req-102"));
}

TEST(LedgerStall, ClosingOnADatabaseThatKeepsFailingGivesUpAfterTheCloseTimeout) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  auto options = options_for(path);
  options.close_timeout = 200ms;
  auto book = std::make_unique<ledger>(options);
  write_lock lock(path);           // held for the whole close
  ledger* const raw = book.get();  // the coroutine must not read `book` while it is reset
  net::io_context io;
  std::string error;
  auto work = [&]() -> task<void> {
    try {
      auto record = sample_record(1);
      co_await raw->append_durable(std::move(record));
    } catch (const std::runtime_error& e) {
      error = e.what();
    }
  };
  auto guard = net::make_work_guard(io);
  std::thread runner([&] { io.run(); });
  net::co_spawn(io, work(), net::detached);
  book->append(sample_record(2));
  EXPECT_TRUE(eventually([&] { return book->queued() >= 2; }));  // both queued, then close
  const auto start = std::chrono::steady_clock::now();
  book.reset();  // retries until the close timeout, then gives both records up
  const auto closing = std::chrono::steady_clock::now() - start;
  guard.reset();
  runner.join();
  EXPECT_GE(closing, 200ms);
  EXPECT_LT(closing, 3s);
  EXPECT_NE(error.find("record not written"), std::string::npos) << error;
  lock.release();
  EXPECT_EQ(count_rows(path), 0);
}

ledger_options journal_options_for(const std::string& path) {
  auto options = options_for(path);
  options.journal = true;
  options.flush_interval = 5ms;  // journaled records wait for the interval, as plain ones do
  return options;
}

TEST(LedgerStall, WithTheJournalADurableAppendReturnsAtOnceAndIsCommittedOnceTheLockGoes) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  ledger book(journal_options_for(path));
  write_lock lock(path);
  net::io_context io;
  int done = 0;
  net::co_spawn(io, append_one(book, 1, done), net::detached);
  io.poll();
  EXPECT_EQ(done, 1);  // in the journal: no wait for SQLite
  ASSERT_TRUE(eventually([&] { return book.failed_commits() > 0; }));
  EXPECT_EQ(book.queued(), 1u);
  lock.release();
  EXPECT_TRUE(eventually([&] { return count_rows(path) == 1; }));
}

TEST(LedgerStall, AReadWhileTheDatabaseIsHeldWaitsForTheWriterOnlyItsBusyTimeout) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  auto options = journal_options_for(path);
  options.busy_timeout = 50ms;
  ledger book(options);
  write_lock lock(path);
  net::io_context io;
  int done = 0;
  net::co_spawn(io, append_one(book, 1, done), net::detached);
  io.poll();
  ASSERT_EQ(done, 1);
  const auto start = std::chrono::steady_clock::now();
  const auto rows = book.query_spend({});  // the writer cannot commit: it reads what is there
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(rows.empty());
  EXPECT_GE(waited, 50ms);
  EXPECT_LT(waited, time_limit(2000ms));
  lock.release();
  EXPECT_TRUE(eventually([&] { return count_rows(path) == 1; }));
}

TEST(LedgerStall, WithTheJournalAFullQueueMakesADurableAppendWaitForItsCommit) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  auto options = journal_options_for(path);
  options.max_queue = 10;
  ledger book(options);
  write_lock lock(path);
  for (int n = 0; n < 10; ++n) book.append(sample_record(n));
  net::io_context io;
  int done = 0;
  net::co_spawn(io, append_one(book, 100, done), net::detached);
  io.poll();
  const auto failed = book.failed_commits();
  ASSERT_TRUE(eventually([&] { return book.failed_commits() > failed + 1; }));
  io.poll();
  EXPECT_EQ(done, 0);  // the queue is full: it waits, as without a journal
  EXPECT_EQ(book.queued(), 11u);
  lock.release();
  io.run_for(5s);
  EXPECT_EQ(done, 1);
  EXPECT_EQ(count_rows(path), 11);
}

TEST(LedgerStall, ClosingOnAFailingDatabaseKeepsJournaledRecordsForTheNextOpen) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  auto options = journal_options_for(path);
  options.close_timeout = 200ms;
  {
    auto book = std::make_unique<ledger>(options);
    write_lock lock(path);  // held for the whole close
    net::io_context io;
    int done = 0;
    net::co_spawn(io, append_one(*book, 1, done), net::detached);
    io.poll();
    EXPECT_EQ(done, 1);
    book.reset();  // gives the record up in SQLite; its journal stays
  }
  EXPECT_EQ(count_rows(path), 0);
  {
    ledger reopened(options);
    EXPECT_EQ(count_rows(path), 1);
  }
  const auto rows = test::read_records(path);
  ASSERT_EQ(rows.size(), 1u);
  test::expect_same_record(rows[0], sample_record(1));
}

}  // namespace
}  // namespace keygate::ledger_stall_test
