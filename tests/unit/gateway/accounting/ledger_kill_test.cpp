// A completed durable append survives kill -9: a child process appends and reports each one on a
// pipe; the parent kills it at a random moment and looks for every reported record.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "gateway/accounting/ledger.hpp"
#include "ledger_test_support.hpp"

namespace keygate::ledger_kill_test {
namespace {

constexpr int coroutines = 8;

void report(int fd, const std::string& line) {
  std::size_t sent = 0;
  while (sent < line.size()) {
    const auto n = ::write(fd, line.data() + sent, line.size() - sent);
    if (n <= 0) ::_exit(3);
    sent += static_cast<std::size_t>(n);
  }
}

// Appends until killed; after each durable append resumes, writes "committed <id>\n" to `fd`.
// Plain appends in between make the transactions bigger than one record.
task<void> child_loop(ledger& book, int round, int c, int fd) {
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

[[noreturn]] void child_main(const std::string& path, bool journal, int round, int fd) {
  try {
    ledger_options options;
    options.path = path;
    options.journal = journal;
    ledger book(options);
    net::io_context io(1);
    for (int c = 0; c < coroutines; ++c)
      net::co_spawn(io, child_loop(book, round, c, fd), net::detached);
    io.run();
  } catch (...) {
    ::_exit(2);
  }
  ::_exit(1);  // never reached: the parent kills the child first
}

// With the journal (durable appends return once it has the record) and without (they wait for
// their commit): after kill -9, the next open has every reported record, once.
void kill_rounds(bool journal) {
  test::temp_dir dir;
  const auto path = dir.file("ledger.db");
  const auto seed = std::random_device{}();
  std::mt19937 rng(seed);
  SCOPED_TRACE(std::string(journal ? "journal" : "no journal") + ", seed " + std::to_string(seed));
  std::set<std::string> all_committed;
  for (int round = 0; round < 3; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(fds[0]);
      child_main(path, journal, round, fds[1]);
    }
    ::close(fds[1]);
    const int kill_after = std::uniform_int_distribution<int>(1, 2000)(rng);
    const int delay_us = std::uniform_int_distribution<int>(0, 3000)(rng);
    auto committed = test::watch_and_kill(child, fds[0], kill_after, delay_us);
    ::close(fds[0]);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "child ended on its own, status " << status;
    EXPECT_GE(static_cast<int>(committed.size()), kill_after);
    all_committed.insert(committed.begin(), committed.end());
    // The ledger opens the crashed file the way the next keygate would (replaying a journal).
    std::int64_t requests = 0;
    {
      ledger_options options;
      options.path = path;
      options.journal = journal;
      ledger reopened(options);
      for (const auto& row : reopened.query_spend({})) requests += row.requests;
    }
    EXPECT_EQ(test::query_text(path, "PRAGMA integrity_check"), "ok") << "round " << round;
    std::set<std::string> stored;
    for (const auto& r : test::read_records(path))
      EXPECT_TRUE(stored.insert(r.request_id).second) << "duplicate " << r.request_id;
    int missing = 0;
    for (const auto& id : all_committed)
      if (!stored.count(id)) ++missing;
    EXPECT_EQ(missing, 0) << "round " << round << ": of " << all_committed.size()
                          << " reported commits";
    EXPECT_EQ(requests, static_cast<std::int64_t>(stored.size()));
    // Nothing is left to replay once the ledger closed cleanly.
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
      EXPECT_EQ(entry.path().filename().string().find(".records."), std::string::npos)
          << entry.path();
  }
}

TEST(LedgerKill, EveryJournaledRecordSurvivesKill9) {
  kill_rounds(true);
}

TEST(LedgerKill, EveryReportedCommitSurvivesKill9) {
  kill_rounds(false);
}

}  // namespace
}  // namespace keygate::ledger_kill_test
