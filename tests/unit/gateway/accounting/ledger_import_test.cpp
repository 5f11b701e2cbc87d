// `keygate ledger import`: a SQLite ledger's history into PostgreSQL, once, however often it runs.
#include "gateway/accounting/ledger_import.hpp"

#include <gtest/gtest.h>

#include "gateway/accounting/ledger.hpp"
#include "gateway/accounting/ledger_journal.hpp"
#include "gateway/accounting/ledger_record_codec.hpp"
#include "gateway/accounting/pg_ledger_queries.hpp"
#include "gateway/storage/pg_connection.hpp"
#include "ledger_test_support.hpp"
#include "tests/support/postgres_server.hpp"

namespace keygate::ledger_import_test {
namespace {

using testing::postgres_server;

spend_query query(spend_group group, std::optional<std::int64_t> from = std::nullopt,
                  std::optional<std::int64_t> to = std::nullopt) {
  spend_query q;
  q.group_by = group;
  q.from_ms = from;
  q.to_ms = to;
  return q;
}

TEST(LedgerImport, RecordsAKilledKeygateLeftInItsJournalAreImportedToo) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  { ledger book(ledger_options{.path = path}); }
  {
    // What a keygate killed before its commit leaves: the records in its journal only.
    ledger_journal left(path);
    std::string frames;
    encode_ledger_frame(test::sample_record(1), frames);
    encode_ledger_frame(test::sample_record(2), frames);
    ASSERT_TRUE(left.write(frames));
  }
  pg_connection db(server.options());
  const auto result = import_sqlite_ledger(path, db);
  EXPECT_EQ(result.read, 2);
  EXPECT_EQ(result.inserted, 2);
  EXPECT_TRUE(ledger_journal::orphans(path).empty());
}

TEST(LedgerImport, CopiesEverySqliteRowOnceAndTheSpendMatches) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  std::vector<spend_row> sqlite_report;
  {
    ledger book(ledger_options{.path = path});
    for (int i = 0; i < 2500; ++i) {
      auto record = test::sample_record(i);
      record.time_ms += std::int64_t{i} * 3'593'000;  // about hourly, over a hundred days
      book.append(std::move(record));
    }
  }
  {
    ledger book(ledger_options{.path = path});
    sqlite_report = book.query_spend(query(spend_group::model));
  }
  pg_connection db(server.options());
  const auto first = import_sqlite_ledger(path, db);
  EXPECT_EQ(first.read, 2500);
  EXPECT_EQ(first.inserted, 2500);
  const auto again = import_sqlite_ledger(path, db);
  EXPECT_EQ(again.read, 2500);
  EXPECT_EQ(again.inserted, 0);
  EXPECT_EQ(server.count("SELECT count(*) FROM requests"), 2500);

  const auto pg_report = read_pg_spend(db, query(spend_group::model));
  ASSERT_EQ(pg_report.size(), sqlite_report.size());
  for (std::size_t i = 0; i < pg_report.size(); ++i) {
    EXPECT_EQ(pg_report[i].group, sqlite_report[i].group);
    EXPECT_EQ(pg_report[i].requests, sqlite_report[i].requests);
    EXPECT_EQ(pg_report[i].cost_nanos, sqlite_report[i].cost_nanos);
    EXPECT_EQ(pg_report[i].prompt_tokens, sqlite_report[i].prompt_tokens);
    EXPECT_EQ(pg_report[i].unknown_cost_requests, sqlite_report[i].unknown_cost_requests);
  }
  // Days, keys and time ranges agree too: PostgreSQL answers whole days from its daily totals
  // and the ends of a range from the rows; SQLite reads rows only.
  ledger sqlite_book(ledger_options{.path = path});
  const std::int64_t start = test::sample_record(0).time_ms, day = 86'400'000;
  const std::vector<std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>>> ranges{
      {std::nullopt, std::nullopt},
      {start + 5 * day, std::nullopt},
      {std::nullopt, start + 40 * day + 12345},
      {start / day * day + 3 * day, start / day * day + 9 * day},  // whole days
      {start + 2 * day + 777, start + 30 * day - 5},
      {start + 10 * day + 1, start + 10 * day + 7'200'000},  // inside one day
      {start + 20 * day, start + 10 * day}};                 // empty
  for (auto group : {spend_group::day, spend_group::key}) {
    for (const auto& [from, to] : ranges) {
      const auto q = query(group, from, to);
      const auto want = sqlite_book.query_spend(q);
      const auto got = read_pg_spend(db, q);
      ASSERT_EQ(got.size(), want.size()) << from.value_or(-1) << " " << to.value_or(-1);
      for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].group, want[i].group);
        EXPECT_EQ(got[i].requests, want[i].requests);
        EXPECT_EQ(got[i].cost_nanos, want[i].cost_nanos);
        EXPECT_EQ(got[i].completion_tokens, want[i].completion_tokens);
        EXPECT_EQ(got[i].unknown_cost_requests, want[i].unknown_cost_requests);
      }
    }
  }
  for (std::int64_t since : {std::int64_t{0}, start + 7 * day + 99, start / day * day + 20 * day}) {
    const auto want = sqlite_book.spend_since(since);
    const auto got = read_pg_spend_since(db, since);
    EXPECT_EQ(got.by_key, want.by_key) << since;
    EXPECT_EQ(got.by_team, want.by_team) << since;
  }
}

TEST(LedgerImport, AFileThatIsNotALedgerIsRefused) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  pg_connection db(server.options());
  EXPECT_THROW(import_sqlite_ledger(dir.file("missing.db"), db), std::runtime_error);
}

}  // namespace
}  // namespace keygate::ledger_import_test
