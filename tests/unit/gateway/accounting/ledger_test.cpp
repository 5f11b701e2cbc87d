#include "gateway/accounting/ledger.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "gateway/accounting/ledger_schema.hpp"
#include "ledger_test_support.hpp"
#include "tests/support/eventually.hpp"

namespace keygate {
namespace {

using test::count_rows;
using test::read_records;
using test::sample_record;
using testing::eventually;

ledger_options options_for(const std::string& path) {
  ledger_options options;
  options.path = path;
  return options;
}

TEST(Ledger, EveryFieldRoundTrips) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  std::vector<ledger_record> expected;
  for (int n = 0; n < 12; ++n) expected.push_back(sample_record(n));
  // Edges: empty strings, no price, extreme numbers, bytes that are not ASCII.
  ledger_record edges;
  edges.request_id = "req-\xC3\xA9\xE2\x9C\x93 with 'quotes' and \"more\"";
  edges.time_ms = std::numeric_limits<std::int64_t>::max();
  edges.status = -1;
  edges.usage = {std::numeric_limits<std::int64_t>::max(), -5, 0, 0, 0, true};
  edges.cost_nanos = std::numeric_limits<std::int64_t>::min();
  edges.latency_ms = 1e-9;
  expected.push_back(edges);
  ledger_record zero_cost = sample_record(99);
  zero_cost.cost_nanos = 0;  // known and free: not the same as unknown
  expected.push_back(zero_cost);
  {
    ledger book(options_for(path));
    for (const auto& r : expected) book.append(r);
  }
  const auto actual = read_records(path);
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) test::expect_same_record(actual[i], expected[i]);
  EXPECT_FALSE(actual[0].cost_nanos.has_value());  // sample 0 has no price: stored as NULL
  EXPECT_EQ(test::query_text(path, "SELECT COUNT(*) FROM requests WHERE cost_nanos IS NULL"),
            "3");  // samples 0, 4 and 8
}

TEST(Ledger, NanLatencyIsStoredAsZeroInsteadOfLosingTheRecord) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  {
    ledger book(options_for(path));
    auto r = sample_record(1);
    r.latency_ms = std::nan("");
    book.append(r);
    book.append(sample_record(2));
  }
  const auto rows = read_records(path);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].latency_ms, 0.0);
  EXPECT_EQ(rows[1].request_id, "req-2");
}

TEST(Ledger, DestructorCommitsEverythingQueued) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  constexpr int count = 5000;
  {
    auto options = options_for(path);
    options.flush_interval = std::chrono::milliseconds(60'000);  // only the destructor flushes
    ledger book(options);
    for (int n = 0; n < count; ++n) book.append(sample_record(n));
  }
  EXPECT_EQ(count_rows(path), count);
  const auto rows = read_records(path);
  EXPECT_EQ(rows.front().request_id, "req-0");
  EXPECT_EQ(rows.back().request_id, "req-" + std::to_string(count - 1));
}

TEST(Ledger, PlainAppendsAreCommittedWithinAFlushInterval) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  ledger book(options_for(path));
  book.append(sample_record(1));
  book.append(sample_record(2));
  eventually([&] { return book.written() >= 2; });
  EXPECT_EQ(book.written(), 2u);
  EXPECT_EQ(book.queued(), 0u);
  EXPECT_EQ(book.dropped(), 0u);
  EXPECT_EQ(count_rows(path), 2);  // visible to another connection while the ledger is open
}

TEST(Ledger, AppendsFromManyThreadsAreAllWrittenOnce) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  constexpr int threads = 4, each = 2000;
  {
    ledger book(options_for(path));
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
      workers.emplace_back([&book, t] {
        for (int i = 0; i < each; ++i) book.append(sample_record(t * each + i));
      });
    for (auto& w : workers) w.join();
  }
  EXPECT_EQ(count_rows(path), threads * each);
  EXPECT_EQ(test::query_text(path, "SELECT COUNT(DISTINCT request_id) FROM requests"),
            std::to_string(threads * each));
}

TEST(Ledger, CheckpointsKeepTheWalShortUnderSteadyCommits) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  auto options = options_for(path);
  options.checkpoint_pages = 50;  // 200 KB
  ledger book(options);
  const auto empty_size = std::filesystem::file_size(path);
  constexpr int bursts = 100, burst = 200;  // a commit every few milliseconds, no quiet moment
  for (int b = 0; b < bursts; ++b) {
    for (int i = 0; i < burst; ++i) book.append(sample_record(b * burst + i));
    ASSERT_TRUE(
        eventually([&] { return book.written() >= static_cast<std::uint64_t>((b + 1) * burst); }));
  }
  EXPECT_GT(book.checkpoints(), 0u);
  // The rows reached the database file itself, and the WAL started over instead of growing with
  // them (the file keeps its longest length; SQLite reuses it from the start).
  const auto db_size = std::filesystem::file_size(path);
  const auto wal_size = std::filesystem::file_size(path + "-wal");
  EXPECT_GT(db_size, empty_size + 1'000'000);
  EXPECT_LT(wal_size, 4 * 50 * 4096 + 512 * 1024) << "database file " << db_size;
  EXPECT_EQ(count_rows(path), bursts * burst);
}

TEST(Ledger, ReopeningKeepsRecordsAndSchema) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  { ledger(options_for(path)).append(sample_record(1)); }
  { ledger(options_for(path)).append(sample_record(2)); }
  const auto rows = read_records(path);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].request_id, "req-1");
  EXPECT_EQ(rows[1].request_id, "req-2");
  EXPECT_EQ(test::query_text(path, "PRAGMA user_version"), std::to_string(ledger_schema_version()));
  EXPECT_EQ(test::query_text(path, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(test::query_text(path,
                             "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master "
                             "WHERE type = 'index' AND tbl_name = 'requests' ORDER BY name)"),
            "requests_by_key_time,requests_by_request_id,requests_by_time");
}

TEST(Ledger, AFileOfTheFirstSchemaGainsTheNewColumnsAndKeepsItsRows) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  {
    auto db = open_sqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const char* first_schema = R"sql(
      CREATE TABLE requests (
        id INTEGER PRIMARY KEY, request_id TEXT NOT NULL, time_ms INTEGER NOT NULL,
        key_id TEXT NOT NULL, team TEXT NOT NULL, endpoint TEXT NOT NULL, model TEXT NOT NULL,
        deployment TEXT NOT NULL, provider TEXT NOT NULL, status INTEGER NOT NULL,
        error_code TEXT NOT NULL, prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL, cached_tokens INTEGER NOT NULL,
        cache_write_tokens INTEGER NOT NULL, reasoning_tokens INTEGER NOT NULL,
        usage_known INTEGER NOT NULL, cost_nanos INTEGER, latency_ms REAL NOT NULL,
        stream INTEGER NOT NULL, client_gone INTEGER NOT NULL);
      CREATE INDEX requests_by_key_time ON requests (key_id, time_ms);
      CREATE INDEX requests_by_time ON requests (time_ms);
      INSERT INTO requests VALUES (1, 'old', 5, 'k', '', 'chat.completions', 'm', 'd', 'p', 200,
                                   '', 1, 2, 0, 0, 0, 1, 7, 9.5, 0, 0);
      PRAGMA user_version = 1;
    )sql";
    ASSERT_EQ(sqlite3_exec(db.get(), first_schema, nullptr, nullptr, nullptr), SQLITE_OK);
  }
  { ledger(options_for(path)).append(sample_record(2)); }
  EXPECT_EQ(test::query_text(path, "PRAGMA user_version"), std::to_string(ledger_schema_version()));
  const auto rows = read_records(path);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].request_id, "old");
  EXPECT_FALSE(rows[0].ttft_ms.has_value());
  EXPECT_EQ(rows[0].overhead_ms, 0);
  EXPECT_EQ(rows[0].attempts, 0);
  test::expect_same_record(rows[1], sample_record(2));
}

TEST(Ledger, RefusesAFileFromANewerSchema) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  { ledger book(options_for(path)); }
  {
    auto db = test::open_test_db(path);
    ASSERT_EQ(sqlite3_exec(db.get(), "PRAGMA user_version = 999", nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  try {
    ledger book(options_for(path));
    FAIL() << "opened a schema from the future";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 999"), std::string::npos) << e.what();
  }
}

void expect_open_fails(const std::string& path, const std::string& reason) {
  try {
    ledger book(options_for(path));
    FAIL() << "opened " << path;
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find(reason), std::string::npos) << message;
  }
}

TEST(Ledger, UnwritablePathThrowsAClearError) {
  test::temp_dir dir;
  expect_open_fails(dir.file("no-such-dir/ledger.db"), "unable to open database file");
  expect_open_fails(dir.path(), "unable to open database file");  // a directory
}

TEST(Ledger, APathThatIsNotAFileThrowsAClearError) {
  expect_open_fails("", "needs a file path");
  expect_open_fails(":memory:", "needs a file path");
}

TEST(Ledger, AFileThatIsNotADatabaseThrowsAClearError) {
  test::temp_dir dir;
  const auto path = dir.file("notes.txt");
  std::ofstream(path) << std::string(4096, 'x');
  expect_open_fails(path, "file is not a database");
}

}  // namespace
}  // namespace keygate
