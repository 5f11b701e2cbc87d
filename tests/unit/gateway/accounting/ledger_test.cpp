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

namespace keygate::ledger_test {
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
  // Without checkpoints the WAL would hold every page the rows added to the file, and more (each
  // commit writes the pages it touches again). With them it keeps a few commits at most: one of
  // 200 rows touches the table, eight indexes and two daily tables (~1.5 MB), and on a loaded
  // machine a checkpoint can lag a commit or two behind the writer (3 MB seen on 2 cores, against
  // ~6.7 MB added to the file). Two thirds of what the file grew by tells the two apart.
  const auto grown = db_size - empty_size;
  EXPECT_LT(wal_size, grown * 2 / 3) << "database file " << db_size;
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
            "requests_by_deployment_time,requests_by_end_user_time,requests_by_failure_time,"
            "requests_by_key_time,requests_by_model_time,requests_by_request_id,"
            "requests_by_team_time,requests_by_time");
  EXPECT_EQ(test::query_text(path,
                             "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master "
                             "WHERE type IN ('table', 'trigger') ORDER BY name)"),
            "requests,spend_daily_keys,spend_daily_routes");
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

TEST(Ledger, WritesTheEndUserTheCacheAndTheTriesOfARecord) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  auto hit = sample_record(1);
  hit.end_user = "alice";
  hit.cache_hit = true;
  hit.saved_nanos = 4242;
  hit.attempt_log = R"([{"deployment":"dep-1","model":"gpt-1","status":200,"error":null,"ms":3}])";
  auto plain = sample_record(2);
  {
    ledger book(options_for(path));
    book.append(hit);
    book.append(plain);
  }
  auto column = [&](const std::string& name, const std::string& request_id) {
    return test::query_text(path, "SELECT COALESCE(CAST(" + name +
                                      " AS TEXT), 'NULL') FROM requests WHERE request_id = '" +
                                      request_id + "'");
  };
  EXPECT_EQ(column("end_user", "req-1"), "alice");
  EXPECT_EQ(column("cache_hit", "req-1"), "1");
  EXPECT_EQ(column("saved_nanos", "req-1"), "4242");
  EXPECT_EQ(column("attempt_log", "req-1"), hit.attempt_log);
  EXPECT_EQ(column("end_user", "req-2"), "");
  EXPECT_EQ(column("cache_hit", "req-2"), "0");
  EXPECT_EQ(column("saved_nanos", "req-2"), "NULL");
  EXPECT_EQ(column("attempt_log", "req-2"), "NULL");
}

TEST(Ledger, WritesTheUnitsARecordIsBilledIn) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  auto images = sample_record(1);
  images.usage.unit = usage_unit::images;
  images.usage.units = 3;
  auto audio = sample_record(2);
  audio.usage.unit = usage_unit::audio_seconds;
  audio.usage.units = 1.5;
  {
    ledger book(options_for(path));
    book.append(images);
    book.append(audio);
    book.append(sample_record(3));
  }
  auto units = [&](const std::string& request_id) {
    return test::query_text(path,
                            "SELECT unit_kind || ',' || units FROM requests "
                            "WHERE request_id = '" +
                                request_id + "'");
  };
  EXPECT_EQ(units("req-1"), "image,3.0");
  EXPECT_EQ(units("req-2"), "audio_second,1.5");
  EXPECT_EQ(units("req-3"), ",0.0");
}

// Migration 3 (end users, the response cache) shipped before the admin pages' tables: a file at
// version 3 keeps its rows and columns and gains migrations 4 and 5, its daily spend (savings
// included) filled from the rows.
TEST(Ledger, AFileOfSchemaThreeKeepsItsEndUsersAndGainsTheAdminTables) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  {
    auto db = open_sqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const char* third_schema = R"sql(
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
      ALTER TABLE requests ADD COLUMN ttft_ms REAL;
      ALTER TABLE requests ADD COLUMN overhead_ms REAL NOT NULL DEFAULT 0;
      ALTER TABLE requests ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX requests_by_request_id ON requests (request_id);
      ALTER TABLE requests ADD COLUMN end_user TEXT NOT NULL DEFAULT '';
      ALTER TABLE requests ADD COLUMN cache_hit INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE requests ADD COLUMN saved_nanos INTEGER;
      INSERT INTO requests VALUES (1, 'old', 172800005, 'k', 't', 'chat.completions', 'm', 'd',
                                   'p', 200, '', 1, 2, 0, 0, 0, 1, 7, 9.5, 0, 0, NULL, 0.5, 1,
                                   'bob', 1, 99);
      PRAGMA user_version = 3;
    )sql";
    ASSERT_EQ(sqlite3_exec(db.get(), third_schema, nullptr, nullptr, nullptr), SQLITE_OK);
  }
  { ledger(options_for(path)).append(sample_record(2)); }
  EXPECT_EQ(ledger_schema_version(), 7);
  EXPECT_EQ(test::query_text(path, "PRAGMA user_version"), "7");
  // Migration 6: an old row bills no units.
  EXPECT_EQ(test::query_text(path,
                             "SELECT unit_kind || ',' || units FROM requests "
                             "WHERE request_id = 'old'"),
            ",0.0");
  EXPECT_EQ(
      test::query_text(path,
                       "SELECT end_user || ',' || cache_hit || ',' || saved_nanos || ',' || "
                       "COALESCE(attempt_log, 'NULL') FROM requests WHERE request_id = 'old'"),
      "bob,1,99,NULL");
  EXPECT_EQ(test::query_text(path,
                             "SELECT requests || ',' || cost_nanos || ',' || cache_hits || ',' || "
                             "saved_nanos FROM spend_daily_keys "
                             "WHERE day = 2 AND key_id = 'k' AND team = 't'"),
            "1,7,1,99");
  EXPECT_EQ(
      test::query_text(path,
                       "SELECT requests || ',' || cost_nanos || ',' || cache_hits || ',' || "
                       "saved_nanos FROM spend_daily_routes "
                       "WHERE day = 2 AND model = 'm' AND provider = 'p' AND deployment = 'd'"),
      "1,7,1,99");
  const auto rows = read_records(path);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].request_id, "old");
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
}  // namespace keygate::ledger_test
