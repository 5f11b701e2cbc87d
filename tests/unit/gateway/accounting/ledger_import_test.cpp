// `keygate ledger import`: a SQLite ledger's history into PostgreSQL, once, however often it runs.
#include "gateway/accounting/ledger_import.hpp"

#include <gtest/gtest.h>

#include "gateway/accounting/ledger.hpp"
#include "gateway/accounting/pg_ledger_queries.hpp"
#include "gateway/storage/pg_connection.hpp"
#include "ledger_test_support.hpp"
#include "tests/support/postgres_server.hpp"

namespace keygate {
namespace {

using testing::postgres_server;

TEST(LedgerImport, CopiesEverySqliteRowOnceAndTheSpendMatches) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  std::vector<spend_row> sqlite_report;
  {
    ledger book(ledger_options{.path = path});
    for (int i = 0; i < 2500; ++i) book.append(test::sample_record(i));
  }
  {
    ledger book(ledger_options{.path = path});
    sqlite_report = book.query_spend(spend_query{.group_by = spend_group::model});
  }
  pg_connection db(server.options());
  const auto first = import_sqlite_ledger(path, db);
  EXPECT_EQ(first.read, 2500);
  EXPECT_EQ(first.inserted, 2500);
  const auto again = import_sqlite_ledger(path, db);
  EXPECT_EQ(again.read, 2500);
  EXPECT_EQ(again.inserted, 0);
  EXPECT_EQ(server.count("SELECT count(*) FROM requests"), 2500);

  const auto pg_report = read_pg_spend(db, spend_query{.group_by = spend_group::model});
  ASSERT_EQ(pg_report.size(), sqlite_report.size());
  for (std::size_t i = 0; i < pg_report.size(); ++i) {
    EXPECT_EQ(pg_report[i].group, sqlite_report[i].group);
    EXPECT_EQ(pg_report[i].requests, sqlite_report[i].requests);
    EXPECT_EQ(pg_report[i].cost_nanos, sqlite_report[i].cost_nanos);
    EXPECT_EQ(pg_report[i].prompt_tokens, sqlite_report[i].prompt_tokens);
    EXPECT_EQ(pg_report[i].unknown_cost_requests, sqlite_report[i].unknown_cost_requests);
  }
  // Days agree too (UTC dates computed by each database its own way).
  const auto sqlite_days = [&] {
    ledger book(ledger_options{.path = path});
    return book.query_spend(spend_query{.group_by = spend_group::day});
  }();
  const auto pg_days = read_pg_spend(db, spend_query{.group_by = spend_group::day});
  ASSERT_EQ(pg_days.size(), sqlite_days.size());
  for (std::size_t i = 0; i < pg_days.size(); ++i) {
    EXPECT_EQ(pg_days[i].group, sqlite_days[i].group);
    EXPECT_EQ(pg_days[i].cost_nanos, sqlite_days[i].cost_nanos);
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
}  // namespace keygate
