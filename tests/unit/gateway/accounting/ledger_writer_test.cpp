#include "gateway/accounting/ledger_writer.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>

#include "gateway/accounting/ledger_schema.hpp"
#include "ledger_test_support.hpp"

namespace keygate::ledger_writer_test {
namespace {

// A writer whose connection refuses strings (and rows) longer than 300 bytes: a record SQLite
// rejects by itself must not hold back the rest of its batch, nor be retried forever.
TEST(LedgerWriter, SkipsARecordSQLiteRefusesAndWritesTheRest) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  ledger_options options;
  options.path = path;
  auto db = open_sqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  prepare_ledger_db(db.get(), options.busy_timeout);
  // Long enough for the insert statement and the daily spend upserts (SQLite checks those too), too
  // short for the record below.
  sqlite3_limit(db.get(), SQLITE_LIMIT_LENGTH, 2000);
  auto too_big = test::sample_record(2);
  too_big.model = std::string(5000, 'm');
  auto waiter = std::make_shared<commit_waiter>();
  {
    ledger_writer writer(ledger_inserter(std::move(db)), nullptr, options);
    writer.append(test::sample_record(1));
    writer.append_durable(std::move(too_big), waiter);
    writer.append(test::sample_record(3));
    writer.stop();
    EXPECT_EQ(writer.written(), 2u);
    EXPECT_EQ(writer.dropped(), 1u);
    EXPECT_EQ(writer.failed_commits(), 0u);  // not retried
  }
  EXPECT_EQ(waiter->result(), commit_waiter::outcome::failed);
  const auto rows = test::read_records(path);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].request_id, "req-1");
  EXPECT_EQ(rows[1].request_id, "req-3");
}

}  // namespace
}  // namespace keygate::ledger_writer_test
