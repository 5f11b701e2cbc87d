// Helpers shared by the ledger tests: a scratch directory, records with every field set, and
// reading rows back through SQLite's own API (a connection the ledger does not own).
#pragma once

#include <sqlite3.h>
#include <sys/types.h>

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gateway/accounting/ledger_types.hpp"
#include "gateway/base/net.hpp"

namespace keygate::test {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A record whose fields all differ from their defaults and from record `n`'s neighbours.
ledger_record sample_record(int n);

// A connection of the test's own, closed on scope exit.
struct db_closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using test_db = std::unique_ptr<sqlite3, db_closer>;
test_db open_test_db(const std::string& path);

// Every row of `requests`, in insertion order.
std::vector<ledger_record> read_records(const std::string& path);
std::int64_t count_rows(const std::string& path);
// One value of a single-value query, as text ("" for NULL).
std::string query_text(const std::string& path, const std::string& sql);

// Compares every field, with a message naming the one that differs.
void expect_same_record(const ledger_record& actual, const ledger_record& expected);

// Runs a coroutine on `io` to completion (rethrowing what it throws).
void run_task(net::io_context& io, task<void> work);

// Another connection holding the database's write lock, as a second writer would.
class write_lock {
 public:
  explicit write_lock(const std::string& path);
  ~write_lock() { release(); }
  void release();

 private:
  test_db db_;
};

// Reads a child's "committed <id>" reports from `fd` until its end of the pipe closes, and kills
// the child with SIGKILL `delay_us` after the `kill_after`th report. Returns the ids reported.
std::set<std::string> watch_and_kill(pid_t child, int fd, int kill_after, int delay_us);

}  // namespace keygate::test
