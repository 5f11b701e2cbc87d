// The PostgreSQL ledger against a real server (scripts/postgres-test-server.sh): records written
// once, spend read back, the spool while the server is away, migrations from an older schema.
#include "gateway/accounting/postgres_ledger.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <string>

#include "gateway/accounting/ledger_spool.hpp"
#include "gateway/accounting/pg_ledger_schema.hpp"
#include "gateway/storage/pg_connection.hpp"
#include "ledger_test_support.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/postgres_server.hpp"

namespace keygate::postgres_ledger_test {
namespace {

using namespace std::chrono_literals;
using test::sample_record;
using testing::eventually;
using testing::postgres_server;

postgres_ledger_options options_for(const postgres_server& server, const test::temp_dir& dir) {
  postgres_ledger_options options;
  options.postgres = server.options();
  options.postgres.timeout = 1000ms;
  options.spool_path = dir.file("ledger.spool");
  options.retry_every = 50ms;
  return options;
}

long long rows_in(const postgres_server& server) {
  return server.count("SELECT count(*) FROM requests");
}

task<void> append_durably(ledger_store& book, int n) {
  auto record = sample_record(n);
  co_await book.append_durable(std::move(record));
}

TEST(PostgresLedger, WritesEveryRecordOnceAndReadsSpendBack) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  postgres_ledger book(options_for(server, dir));
  std::int64_t cost = 0;
  for (int i = 0; i < 500; ++i) {
    auto record = sample_record(i);
    record.key_id = i % 2 ? "odd" : "even";
    record.cost_nanos = 1000 + i;
    cost += 1000 + i;
    book.append(std::move(record));
  }
  net::io_context io;
  test::run_task(io, append_durably(book, 999));
  // The durable append resumed: its row is in PostgreSQL now, and so are the plain ones before it.
  EXPECT_EQ(server.count("SELECT count(*) FROM requests WHERE request_id = '" +
                         sample_record(999).request_id + "'"),
            1);
  ASSERT_TRUE(eventually([&] { return rows_in(server) == 501; }));
  EXPECT_EQ(server.count("SELECT count(DISTINCT record_id) FROM requests"), 501);

  const auto totals = book.spend_since(0);
  EXPECT_EQ(totals.by_key.at("odd") + totals.by_key.at("even"), cost);
  EXPECT_EQ(totals.by_key.at("key-0"), *sample_record(999).cost_nanos);
  EXPECT_EQ(book.spend_since(sample_record(999).time_ms + 1).by_key.size(), 0u);
  spend_query by_day;
  by_day.group_by = spend_group::day;
  const auto days = book.query_spend(by_day);
  ASSERT_FALSE(days.empty());
  std::int64_t requests = 0;
  for (const auto& row : days) {
    EXPECT_EQ(row.group.size(), 10u) << row.group;  // YYYY-MM-DD
    requests += row.requests;
  }
  EXPECT_EQ(requests, 501);
  EXPECT_EQ(book.spooled(), 0u);
  EXPECT_FALSE(book.spooling());
}

TEST(PostgresLedger, SpendGroupsByEndUserFromTheRows) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  postgres_ledger book(options_for(server, dir));
  for (int i = 0; i < 30; ++i) {
    auto record = sample_record(i);
    record.end_user = i % 3 ? "alice" : "bob";
    record.cost_nanos = 100;
    record.cache_hit = i == 0;
    record.saved_nanos = i == 0 ? std::optional<std::int64_t>(700) : std::nullopt;
    book.append(std::move(record));
  }
  ASSERT_TRUE(eventually([&] { return rows_in(server) == 30; }));
  EXPECT_EQ(server.count("SELECT count(*) FROM requests WHERE cache_hit AND saved_nanos = 700"), 1);
  spend_query by_end_user;
  by_end_user.group_by = spend_group::end_user;
  const auto rows = book.query_spend(by_end_user);
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) {
    EXPECT_EQ(row.requests, row.group == "alice" ? 20 : 10) << row.group;
    EXPECT_EQ(row.cost_nanos, row.requests * 100) << row.group;
    EXPECT_EQ(row.cache_hits, row.group == "bob" ? 1 : 0) << row.group;
    EXPECT_EQ(row.saved_nanos, row.group == "bob" ? 700 : 0) << row.group;
  }
}

// Version 5 adds what the caches saved to the daily totals: filled from the rows already there,
// then kept by every insert.
TEST(PostgresLedger, DailyTotalsCarryTheSavingsOfOldAndNewRows) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  {
    pg_connection db(server.options());
    migrate_pg_ledger(db, 4);
  }
  server.psql(
      "INSERT INTO requests (record_id, request_id, time_ms, key_id, team, endpoint, model, "
      "deployment, provider, status, error_code, prompt_tokens, completion_tokens, cached_tokens, "
      "cache_write_tokens, reasoning_tokens, usage_known, cost_nanos, latency_ms, stream, "
      "client_gone, ttft_ms, overhead_ms, attempts, end_user, cache_hit, saved_nanos) VALUES "
      "('old-hit', 'req-hit', 1700000000000, 'key-1', '', 'chat.completions', 'gpt', '', 'cache', "
      "200, '', 0, 0, 0, 0, 0, true, 0, 1.5, false, false, NULL, 0.1, 0, '', true, 555)");
  server.psql(
      "INSERT INTO spend_daily VALUES (1700000000000 / 86400000, 'key-1', '', 'gpt', 1, 0, 0, 0, "
      "0, 0, 0, 0)");
  postgres_ledger book(options_for(server, dir));
  EXPECT_EQ(server.count("SELECT version FROM keygate_schema"), pg_ledger_schema_version());
  EXPECT_EQ(server.count("SELECT saved_nanos FROM spend_daily WHERE key_id = 'key-1'"), 555);
  auto fresh = sample_record(1);
  fresh.key_id = "key-1";
  fresh.time_ms = 1700000000000 + 5;
  fresh.cost_nanos = 40;
  fresh.saved_nanos = 60;  // a prompt cache's saving: no hit
  book.append(std::move(fresh));
  ASSERT_TRUE(eventually([&] { return rows_in(server) == 2; }));
  spend_query whole_days;  // answered from spend_daily
  whole_days.group_by = spend_group::key;
  whole_days.from_ms = 1700000000000 / 86'400'000 * 86'400'000;
  whole_days.to_ms = *whole_days.from_ms + 86'400'000;
  spend_query rows_only = whole_days;  // answered from the rows
  rows_only.group_by = spend_group::end_user;
  for (const auto& query : {whole_days, rows_only}) {
    const auto rows = book.query_spend(query);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].requests, 2);
    EXPECT_EQ(rows[0].cache_hits, 1);
    EXPECT_EQ(rows[0].saved_nanos, 615);
  }
}

TEST(PostgresLedger, SpendByTeamAndForOneEndUserComesFromTheRightRows) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  postgres_ledger book(options_for(server, dir));
  for (int i = 0; i < 30; ++i) {
    auto record = sample_record(i);
    record.key_id = "k";
    record.team = i % 3 ? "red" : "blue";
    record.end_user = i % 2 ? "alice" : "bob";
    record.cost_nanos = i % 3 ? 100 : 1000;
    book.append(std::move(record));
  }
  ASSERT_TRUE(eventually([&] { return rows_in(server) == 30; }));
  spend_query by_team;
  by_team.group_by = spend_group::team;
  const auto teams = book.query_spend(by_team);
  ASSERT_EQ(teams.size(), 2u);
  // By cost, highest first, as the SQLite ledger answers.
  EXPECT_EQ(teams[0].group, "blue");
  EXPECT_EQ(teams[0].cost_nanos, 10 * 1000);
  EXPECT_EQ(teams[1].group, "red");
  EXPECT_EQ(teams[1].cost_nanos, 20 * 100);
  spend_query alice;
  alice.key_id = "k";
  alice.end_user = "alice";
  const auto alices = book.query_spend(alice);
  ASSERT_EQ(alices.size(), 1u);
  EXPECT_EQ(alices[0].requests, 15);
  spend_query nobody = alice;
  nobody.end_user = "carol";
  EXPECT_TRUE(book.query_spend(nobody).empty());
  spend_query red = by_team;
  red.team = "red";
  ASSERT_EQ(book.query_spend(red).size(), 1u);
}

// What the PostgreSQL ledger cannot read yet is refused by name, whether the server is up or not,
// never answered from somewhere else.
TEST(PostgresLedger, QuestionsItCannotAnswerYetAreUnsupportedEvenWithTheServerAway) {
  test::temp_dir dir;
  postgres_ledger_options options;
  options.postgres.host = "127.0.0.1";
  options.postgres.port = 1;  // nothing listens there
  options.postgres.timeout = 500ms;
  options.spool_path = dir.file("ledger.spool");
  options.retry_every = 50ms;
  postgres_ledger book(options);
  auto capability = [](auto&& question) -> std::string {
    try {
      question();
    } catch (const ledger_unsupported& e) {
      EXPECT_NE(std::string(e.what()).find("PostgreSQL"), std::string::npos) << e.what();
      return e.capability();
    } catch (const std::exception& e) {
      return std::string("other: ") + e.what();
    }
    return "answered";
  };
  spend_query by_provider;
  by_provider.group_by = spend_group::provider;
  EXPECT_EQ(capability([&] { book.query_spend(by_provider); }), "spend by provider");
  spend_query two;
  two.group_by = spend_group::day;
  two.then_by = spend_group::model;
  EXPECT_EQ(capability([&] { book.query_spend(two); }), "spend by two dimensions (then_by)");
  spend_query one_deployment;
  one_deployment.deployment = "d";
  EXPECT_EQ(capability([&] { book.query_spend(one_deployment); }),
            "the deployment filter on spend");
  EXPECT_EQ(capability([&] { book.query_requests({}); }), "the requests page");
  EXPECT_EQ(capability([&] { book.find_request("r", std::nullopt); }), "one request's detail");
  EXPECT_EQ(capability([&] { book.recent_deployment_stats(0); }), "recent deployment figures");
  // A question it can answer fails as the server being away (a 503), not as unsupported.
  const auto by_key = capability([&] { book.query_spend({}); });
  EXPECT_EQ(by_key.rfind("other: ", 0), 0u) << by_key;
}

TEST(PostgresLedger, SpoolsWhileTheServerIsDownAndReplaysOnceWithoutDuplicates) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  auto options = options_for(server, dir);
  options.refuse_on_failure = true;
  postgres_ledger book(options);
  net::io_context io;
  for (int i = 0; i < 100; ++i) test::run_task(io, append_durably(book, i));
  EXPECT_EQ(rows_in(server), 100);

  server.stop();
  // Durable appends still complete: their records are synced to the spool.
  for (int i = 100; i < 300; ++i) test::run_task(io, append_durably(book, i));
  EXPECT_TRUE(book.spooling());
  EXPECT_TRUE(book.refusing());
  EXPECT_EQ(book.spooled(), 200u);
  EXPECT_THROW(book.spend_since(0), std::runtime_error);

  server.start();
  ASSERT_TRUE(eventually([&] { return !book.spooling(); }, 10s));
  EXPECT_FALSE(book.refusing());
  EXPECT_EQ(book.spooled(), 0u);
  for (int i = 300; i < 310; ++i) test::run_task(io, append_durably(book, i));
  EXPECT_EQ(rows_in(server), 310);
  EXPECT_EQ(server.count("SELECT count(DISTINCT request_id) FROM requests"), 310);
  // In order: the spooled records went in before the ones after the outage.
  EXPECT_LT(server.count("SELECT max(id) FROM requests WHERE request_id = '" +
                         sample_record(299).request_id + "'"),
            server.count("SELECT min(id) FROM requests WHERE request_id = '" +
                         sample_record(300).request_id + "'"));
  EXPECT_EQ(book.dropped(), 0u);
}

TEST(PostgresLedger, StartsWithTheServerDownAndReplaysWhatAnEarlierRunSpooled) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  server.stop();
  {
    postgres_ledger book(options_for(server, dir));
    net::io_context io;
    for (int i = 0; i < 50; ++i) test::run_task(io, append_durably(book, i));
    EXPECT_EQ(book.spooled(), 50u);
  }
  server.start();
  postgres_ledger book(options_for(server, dir));
  ASSERT_TRUE(eventually([&] { return book.spooled() == 0 && !book.spooling(); }, 10s));
  EXPECT_EQ(rows_in(server), 50);
}

TEST(PostgresLedger, ReplayingRowsAlreadyWrittenCountsThemOnce) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  std::vector<pg_ledger_row> rows;
  for (int i = 0; i < 20; ++i)
    rows.push_back(pg_ledger_row_of(sample_record(i), "r-" + std::to_string(i)));
  {
    pg_connection db(server.options());
    migrate_pg_ledger(db);
    for (const auto& row : rows) db.exec(pg_ledger_insert_sql(1), row);
    // As if the answer to that INSERT never came: the same rows also in the spool.
    ledger_spool spool(dir.file("ledger.spool"));
    spool.append(rows);
  }
  postgres_ledger book(options_for(server, dir));
  ASSERT_TRUE(eventually([&] { return book.spooled() == 0 && !book.spooling(); }, 10s));
  EXPECT_EQ(rows_in(server), 20);
}

TEST(PostgresLedger, MigratesADatabaseFromAnOlderSchemaVersion) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  {
    pg_connection db(server.options());
    migrate_pg_ledger(db, 1);
  }
  // A row as version 1 had them.
  server.psql(
      "INSERT INTO requests (record_id, request_id, time_ms, key_id, team, endpoint, model, "
      "deployment, provider, status, error_code, prompt_tokens, completion_tokens, cached_tokens, "
      "cache_write_tokens, reasoning_tokens, usage_known, cost_nanos, latency_ms, stream, "
      "client_gone, ttft_ms, overhead_ms, attempts) VALUES ('old-1', 'req-1', 1700000000000, "
      "'key-1', 'team-1', 'chat.completions', 'gpt', 'dep', 'openai', 200, '', 10, 20, 0, 0, 0, "
      "true, 777, 1.5, false, false, NULL, 0.1, 1)");
  EXPECT_EQ(server.count("SELECT version FROM keygate_schema"), 1);
  EXPECT_EQ(
      server.count("SELECT count(*) FROM pg_indexes WHERE indexname = 'requests_by_team_time'"), 0);
  postgres_ledger book(options_for(server, dir));
  EXPECT_EQ(server.count("SELECT version FROM keygate_schema"), pg_ledger_schema_version());
  EXPECT_EQ(
      server.count("SELECT count(*) FROM pg_indexes WHERE indexname = 'requests_by_team_time'"), 1);
  EXPECT_EQ(rows_in(server), 1);
  // Version 3's daily totals start from the rows already there.
  EXPECT_EQ(book.spend_since(0).by_key.at("key-1"), 777);
  EXPECT_EQ(server.count("SELECT cost_nanos FROM spend_daily WHERE key_id = 'key-1'"), 777);
  // Opening it again (another instance, its own spool) changes nothing.
  test::temp_dir other;
  postgres_ledger again(options_for(server, other));
  EXPECT_EQ(server.count("SELECT count(*) FROM keygate_schema"), 1);
}

TEST(PostgresLedger, RefusesADatabaseFromANewerBuild) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  {
    pg_connection db(server.options());
    migrate_pg_ledger(db);
  }
  server.psql("UPDATE keygate_schema SET version = 999");
  EXPECT_THROW(postgres_ledger book(options_for(server, dir)), std::runtime_error);
}

TEST(PostgresLedger, RetentionDeletesRowsOlderThanItsDays) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  {
    pg_connection db(server.options());
    migrate_pg_ledger(db);
    auto old_record = sample_record(1);
    old_record.time_ms = 1'000'000;  // 1970
    db.exec(pg_ledger_insert_sql(1), pg_ledger_row_of(old_record, "old"));
  }
  auto options = options_for(server, dir);
  options.retention_days = 30;
  postgres_ledger book(options);
  auto fresh = sample_record(2);
  fresh.time_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  book.append(fresh);
  ASSERT_TRUE(eventually(
      [&] { return server.count("SELECT count(*) FROM requests WHERE record_id = 'old'") == 0; },
      10s));
  ASSERT_TRUE(eventually([&] { return rows_in(server) == 1; }));
  ASSERT_TRUE(eventually(
      [&] { return server.count("SELECT count(*) FROM spend_daily WHERE day = 0") == 0; }));
}

TEST(PostgresLedger, ASpoolHeldByAnotherInstanceIsRefused) {
  test::temp_dir dir;
  ledger_spool first(dir.file("s"));
  EXPECT_THROW(ledger_spool second(dir.file("s")), std::runtime_error);
}

TEST(PostgresLedger, ASpoolLineCutShortByACrashIsDropped) {
  test::temp_dir dir;
  const auto path = dir.file("s");
  {
    ledger_spool spool(path);
    spool.append(
        {pg_ledger_row_of(sample_record(1), "a"), pg_ledger_row_of(sample_record(2), "b")});
  }
  {
    FILE* f = std::fopen(path.c_str(), "a");
    std::fputs("c\thalf a line", f);
    std::fclose(f);
  }
  ledger_spool spool(path);
  EXPECT_EQ(spool.depth(), 2u);
  const auto chunk = spool.peek(10);
  ASSERT_EQ(chunk.rows.size(), 2u);
  EXPECT_EQ(chunk.rows[1][0], "b");
}

TEST(PostgresLedger, SpoolLinesKeepEveryValue) {
  auto record = sample_record(3);
  record.model = "tab\there\nnew line \\ backslash \\N";
  record.cost_nanos.reset();
  record.ttft_ms.reset();
  const auto row = pg_ledger_row_of(record, "id-3");
  std::string line;
  append_spool_line(line, row);
  ASSERT_EQ(line.back(), '\n');
  line.pop_back();
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto back = parse_spool_line(line);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, row);
  EXPECT_FALSE(parse_spool_line("only\tthree\tfields"));
}

TEST(PostgresLedgerRows, ASpoolLineFromBeforeEndUsersReadsWithTheirDefaults) {
  ledger_record record;
  record.request_id = "req-old";
  record.end_user = "alice@example.com";
  record.cache_hit = true;
  record.saved_nanos = 1200;
  const auto row = pg_ledger_row_of(record, "id-4");
  ASSERT_EQ(row.size(), pg_ledger_column_count);
  EXPECT_EQ(row[24], pg_param("alice@example.com"));
  EXPECT_EQ(row[25], pg_param("t"));
  EXPECT_EQ(row[26], pg_param("1200"));
  // The same record as an older keygate spooled it: without the last three fields.
  const pg_ledger_row older(row.begin(), row.begin() + pg_ledger_column_count_before_end_users);
  std::string line;
  append_spool_line(line, older);
  line.pop_back();
  const auto back = parse_spool_line(line);
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), pg_ledger_column_count);
  EXPECT_EQ((*back)[1], pg_param("req-old"));
  EXPECT_EQ((*back)[24], pg_param(""));
  EXPECT_EQ((*back)[25], pg_param("f"));
  EXPECT_EQ((*back)[26], std::nullopt);
}

}  // namespace
}  // namespace keygate::postgres_ledger_test
