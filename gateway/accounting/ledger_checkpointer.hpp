// Moves pages from the WAL into the database file on a thread of its own, so that no commit
// waits for a checkpoint (which syncs the disk). The writer's connection runs with
// wal_autocheckpoint off and tells this one how long the WAL has grown after each commit.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "gateway/storage/sqlite.hpp"

namespace keygate {

class ledger_checkpointer {
 public:
  // `db` is a connection of its own to the ledger's file; a checkpoint starts once the WAL holds
  // `wal_pages` pages (SQLite's own default is 1000, about 4 MB).
  ledger_checkpointer(sqlite_db db, int wal_pages);
  ~ledger_checkpointer();  // finishes a checkpoint in progress, joins
  ledger_checkpointer(const ledger_checkpointer&) = delete;
  ledger_checkpointer& operator=(const ledger_checkpointer&) = delete;

  // Makes the writer's connection report its WAL's length here after each commit, and stops it
  // checkpointing by itself. `this` must outlive that connection's commits.
  void watch(sqlite3* writer);

  std::uint64_t checkpoints() const { return checkpoints_.load(std::memory_order_relaxed); }

 private:
  static int on_commit(void* self, sqlite3* db, const char* name, int pages);
  void run();

  sqlite_db db_;
  const int wal_pages_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  std::atomic<std::uint64_t> checkpoints_{0};
  std::thread thread_;
};

}  // namespace keygate
