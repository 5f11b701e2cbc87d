#include "gateway/accounting/ledger_journal.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <string>

#include "gateway/accounting/ledger.hpp"
#include "gateway/accounting/ledger_record_codec.hpp"
#include "ledger_test_support.hpp"
#include "tests/support/eventually.hpp"

namespace keygate::ledger_journal_test {
namespace {

namespace fs = std::filesystem;

std::string own_journal(const std::string& ledger_path) {
  return ledger_path + ".records." + std::to_string(::getpid());
}

std::string frames_of(std::initializer_list<int> numbers) {
  std::string bytes;
  for (int n : numbers) encode_ledger_frame(test::sample_record(n), bytes);
  return bytes;
}

task<void> append_durably(ledger& book, int first, int count) {
  for (int n = first; n < first + count; ++n) {
    auto record = test::sample_record(n);
    co_await book.append_durable(std::move(record));
  }
}

TEST(LedgerJournal, ALiveJournalIsNotAnOrphanAndAClosedOneIs) {
  test::temp_dir dir;
  const auto ledger_path = dir.file("ledger.db");
  {
    ledger_journal journal(ledger_path);
    ASSERT_TRUE(journal.write(frames_of({1, 2})));
    EXPECT_TRUE(ledger_journal::orphans(ledger_path).empty());  // locked by its process
  }
  const auto orphans = ledger_journal::orphans(ledger_path);
  ASSERT_EQ(orphans.size(), 1u);
  EXPECT_EQ(orphans[0], own_journal(ledger_path));
  const auto decoded = decode_ledger_frames(ledger_journal::read(orphans[0]));
  ASSERT_EQ(decoded.records.size(), 2u);
  EXPECT_EQ(decoded.records[1].request_id, "req-2");
}

TEST(LedgerJournal, TurningOverKeepsTheOldFileUntilItIsDropped) {
  test::temp_dir dir;
  const auto ledger_path = dir.file("ledger.db");
  const auto current = own_journal(ledger_path);
  ledger_journal journal(ledger_path);
  ASSERT_TRUE(journal.write(frames_of({1})));
  journal.turn_over();
  EXPECT_TRUE(journal.holds_old());
  EXPECT_EQ(journal.size(), 0u);
  ASSERT_TRUE(journal.write(frames_of({2})));
  EXPECT_EQ(decode_ledger_frames(ledger_journal::read(current + ".old")).records.size(), 1u);
  EXPECT_EQ(decode_ledger_frames(ledger_journal::read(current)).records[0].request_id, "req-2");
  journal.drop_old();
  EXPECT_FALSE(fs::exists(current + ".old"));
  journal.remove_all();
  EXPECT_FALSE(fs::exists(current));
}

TEST(LedgerJournal, OpeningTheLedgerReplaysALeftJournalOnceAndRemovesIt) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  {
    ledger book({.path = path});
    book.append(test::sample_record(1));  // committed before the "crash"
  }
  {
    // What a process killed after journaling 1 (committed) and 2, 3 (not) leaves behind, with a
    // last frame cut short: its answer never went out.
    ledger_journal left(path);
    std::string bytes = frames_of({1, 2, 3});
    const auto cut = frames_of({4});
    bytes += cut.substr(0, cut.size() / 2);
    ASSERT_TRUE(left.write(bytes));
  }
  {
    ledger book({.path = path});
    EXPECT_EQ(test::count_rows(path), 3);
  }
  const auto rows = test::read_records(path);
  ASSERT_EQ(rows.size(), 3u);
  test::expect_same_record(rows[1], test::sample_record(2));
  test::expect_same_record(rows[2], test::sample_record(3));
  EXPECT_TRUE(ledger_journal::orphans(path).empty());
  EXPECT_FALSE(fs::exists(own_journal(path)));
  // The daily tables count the replayed records too.
  EXPECT_EQ(test::query_text(path, "SELECT SUM(requests) FROM spend_daily_keys"), "3");
  EXPECT_EQ(test::query_text(path, "SELECT SUM(requests) FROM spend_daily_routes"), "3");
}

TEST(LedgerJournal, ACommittedBatchTakesItsJournalFileAway) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  ledger_options options;
  options.path = path;
  options.journal_turn_over_bytes = 1;  // every batch turns the file over
  ledger book(options);
  net::io_context io;
  net::co_spawn(io, append_durably(book, 0, 100), net::detached);
  io.run();
  // The old file goes before the batch counts as written.
  ASSERT_TRUE(testing::eventually([&] { return book.written() == 100; }));
  EXPECT_EQ(test::count_rows(path), 100);
  EXPECT_FALSE(fs::exists(own_journal(path) + ".old"));
  EXPECT_EQ(fs::file_size(own_journal(path)), 0u);
}

}  // namespace
}  // namespace keygate::ledger_journal_test
