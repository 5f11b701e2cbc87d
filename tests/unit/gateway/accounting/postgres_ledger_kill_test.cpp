// A durable append to the PostgreSQL ledger survives kill -9, whether its record went to
// PostgreSQL or to the spool: a child process appends and reports each completed durable append on
// a pipe; the parent kills it at a random moment, with PostgreSQL up in some rounds and stopped in
// others, then replays the spool and looks for every reported record, once.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "gateway/accounting/postgres_ledger.hpp"
#include "ledger_test_support.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/postgres_server.hpp"

namespace keygate::postgres_ledger_kill_test {
namespace {

using namespace std::chrono_literals;
using testing::postgres_server;

constexpr int coroutines = 8;

postgres_ledger_options options_for(const postgres_server& server, const std::string& spool) {
  postgres_ledger_options options;
  options.postgres = server.options();
  options.postgres.timeout = 1000ms;
  options.spool_path = spool;
  options.retry_every = 50ms;
  return options;
}

void report(int fd, const std::string& line) {
  std::size_t sent = 0;
  while (sent < line.size()) {
    const auto n = ::write(fd, line.data() + sent, line.size() - sent);
    if (n <= 0) ::_exit(3);
    sent += static_cast<std::size_t>(n);
  }
}

task<void> child_loop(ledger_store& book, int round, int c, int fd) {
  for (int i = 0;; ++i) {
    auto record = test::sample_record(i);
    record.request_id =
        "r" + std::to_string(round) + "-" + std::to_string(c) + "-" + std::to_string(i);
    auto filler = record;
    filler.request_id += "-plain";
    book.append(std::move(filler));
    const auto id = record.request_id;
    co_await book.append_durable(std::move(record));
    report(fd, "committed " + id + "\n");
  }
}

[[noreturn]] void child_main(const postgres_ledger_options& options, int round, int fd) {
  try {
    postgres_ledger book(options);
    net::io_context io(1);
    for (int c = 0; c < coroutines; ++c)
      net::co_spawn(io, child_loop(book, round, c, fd), net::detached);
    io.run();
  } catch (...) {
    ::_exit(2);
  }
  ::_exit(1);
}

TEST(PostgresLedgerKill, EveryCompletedDurableAppendSurvivesKill9) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  test::temp_dir dir;
  const auto spool = dir.file("ledger.spool");
  const auto seed = std::random_device{}();
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::set<std::string> all_committed;
  // PostgreSQL up, stopped (records spool), up again (the child replays the spool as it starts).
  for (int round = 0; round < 3; ++round) {
    if (round == 1) server.stop();
    if (round == 2) server.start();
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const auto options = options_for(server, spool);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(fds[0]);
      child_main(options, round, fds[1]);
    }
    ::close(fds[1]);
    const int kill_after = std::uniform_int_distribution<int>(1, 300)(rng);
    const int delay_us = std::uniform_int_distribution<int>(0, 3000)(rng);
    auto committed = test::watch_and_kill(child, fds[0], kill_after, delay_us);
    ::close(fds[0]);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "round " << round << ": child ended on its own, status " << status;
    EXPECT_GE(static_cast<int>(committed.size()), kill_after);
    all_committed.insert(committed.begin(), committed.end());
  }
  // The next keygate on this spool replays what the killed ones left.
  postgres_ledger book(options_for(server, spool));
  ASSERT_TRUE(testing::eventually([&] { return !book.spooling(); }, 30s));
  EXPECT_EQ(server.count("SELECT count(*) - count(DISTINCT request_id) FROM requests"), 0)
      << "a record was written twice";
  std::set<std::string> stored;
  std::istringstream lines(server.psql("SELECT request_id FROM requests"));
  for (std::string line; std::getline(lines, line);) stored.insert(line);
  int missing = 0;
  for (const auto& id : all_committed)
    if (!stored.count(id)) ++missing;
  EXPECT_EQ(missing, 0) << "of " << all_committed.size() << " completed durable appends";
  EXPECT_EQ(server.count("SELECT sum(requests) FROM spend_daily"),
            server.count("SELECT count(*) FROM requests"))
      << "the daily totals disagree with the rows";
}

}  // namespace
}  // namespace keygate::postgres_ledger_kill_test
