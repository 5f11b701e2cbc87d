#include "gateway/accounting/ledger_checkpointer.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <optional>

#include "gateway/logging/logging.hpp"

namespace keygate {

namespace {

// A WAL that stays long (a reader holding an old snapshot) would otherwise be checkpointed
// after every commit.
constexpr std::chrono::milliseconds min_gap{50};
constexpr std::chrono::seconds checkpoint_failure_log_every{5};

}  // namespace

ledger_checkpointer::ledger_checkpointer(sqlite_db db, int wal_pages)
    : db_(std::move(db)), wal_pages_(std::max(wal_pages, 1)) {
  // A connection opens the file lazily; until it has, it does not know the file is in WAL mode
  // and a checkpoint does nothing.
  exec_sqlite(db_.get(), "SELECT count(*) FROM sqlite_master");
  thread_ = std::thread([this] { run(); });
}

ledger_checkpointer::~ledger_checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void ledger_checkpointer::watch(sqlite3* writer) {
  exec_sqlite(writer, "PRAGMA wal_autocheckpoint = 0");
  sqlite3_wal_hook(writer, &ledger_checkpointer::on_commit, this);
}

int ledger_checkpointer::on_commit(void* self, sqlite3* db, const char* name, int pages) {
  auto& me = *static_cast<ledger_checkpointer*>(self);
  if (pages >= 4 * me.wal_pages_) {
    // The WAL only starts over once a checkpoint has copied all of it, which a background one
    // never does while commits keep coming (each adds to what it copies). So at four times the
    // threshold the writer copies the rest itself, between two commits: most pages are in the
    // database file already, so this is mostly one sync.
    if (sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) ==
        SQLITE_OK)
      me.checkpoints_.fetch_add(1, std::memory_order_relaxed);
  } else if (pages >= me.wal_pages_) {
    {
      std::lock_guard lock(me.mutex_);
      me.requested_ = true;
    }
    me.wake_.notify_one();
  }
  return SQLITE_OK;
}

void ledger_checkpointer::run() {
  std::optional<std::chrono::steady_clock::time_point> next_failure_log;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || requested_; });
    if (stopping_) return;
    requested_ = false;
    lock.unlock();
    // PASSIVE copies what it can without waiting on readers or the writer, which goes on
    // appending to the WAL meanwhile; the writer starts the WAL over once all of it is copied.
    const int rc =
        sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc == SQLITE_OK) {
      checkpoints_.fetch_add(1, std::memory_order_relaxed);
    } else if (rc != SQLITE_BUSY) {  // BUSY: another checkpoint is running; the next one will do
      const auto now = std::chrono::steady_clock::now();
      if (!next_failure_log || now >= *next_failure_log) {
        log_error("ledger checkpoint failed", {{"error", sqlite3_errmsg(db_.get())}});
        next_failure_log = now + checkpoint_failure_log_every;
      }
    }
    lock.lock();
    wake_.wait_for(lock, min_gap, [&] { return stopping_; });
  }
}

}  // namespace keygate
