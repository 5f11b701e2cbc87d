// The ledger's queue and its one writer thread: records from any worker go into a vector under a
// mutex; the writer swaps it out and commits the whole batch in one transaction, then wakes the
// durable appends it held. A journaled append is written to the journal under the same mutex, so
// each batch holds every record its journal file had when the batch was taken.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "gateway/accounting/commit_waiter.hpp"
#include "gateway/accounting/ledger_inserter.hpp"
#include "gateway/accounting/ledger_journal.hpp"
#include "gateway/accounting/ledger_types.hpp"

namespace keygate {

class ledger_writer {
 public:
  // `journal` may be null (no journaled appends then).
  ledger_writer(ledger_inserter inserter, std::unique_ptr<ledger_journal> journal,
                const ledger_options& options);
  ~ledger_writer();  // stop()
  ledger_writer(const ledger_writer&) = delete;
  ledger_writer& operator=(const ledger_writer&) = delete;

  // Never waits for the disk. Drops the record (and returns false) when max_queue records are
  // waiting already, or after stop().
  bool append(ledger_record&& record);
  // Always queued, whatever the queue's length (the caller waits for `waiter` instead). After
  // stop(), the waiter fails at once.
  void append_durable(ledger_record&& record, std::shared_ptr<commit_waiter> waiter);
  // Writes the record to the journal and queues it; true once the journal has it (it then
  // survives kill -9 without waiting for a commit). False, with the record untouched, when there
  // is no journal, the journal refused it (disk full), max_queue records are waiting already, or
  // the ledger is closing: the caller then waits for a commit (append_durable).
  bool append_journaled(ledger_record& record);
  // Returns once every record appended before the call is committed (or given up): what a reader
  // must wait for to see them. Starts the commit at once rather than after a flush interval.
  // Waits at most `bound` (a database locked by another process must not hold a worker); false
  // when the records were not all committed by then.
  bool flush(std::chrono::milliseconds bound);
  // Stops accepting records, commits everything queued (giving up on a database that still fails
  // after options.close_timeout), and joins the thread.
  void stop();

  std::size_t queued() const { return pending_.load(std::memory_order_relaxed); }
  std::uint64_t written() const { return written_.load(std::memory_order_relaxed); }
  std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
  std::uint64_t commits() const { return commits_.load(std::memory_order_relaxed); }
  std::uint64_t failed_commits() const { return failed_commits_.load(std::memory_order_relaxed); }

 private:
  struct entry {
    ledger_record record;
    std::shared_ptr<commit_waiter> waiter;  // null for a plain append
    bool refused = false;                   // SQLite rejected this record itself
  };

  void run();
  // Commits the batch, retrying with backoff; false when it gave up (only while stopping).
  bool commit_with_retry(std::vector<entry>& batch);
  void try_commit(std::vector<entry>& batch);
  void count_drop(std::size_t records, std::string_view reason);
  // Queues a plain or journaled record under `lock` (held), releases it, and wakes the writer when
  // it sleeps or the batch is long enough.
  void enqueue(std::unique_lock<std::mutex> lock, ledger_record&& record);
  // Under the mutex, at a batch's swap: a journal past its length is turned over (its records are
  // all in this batch or earlier ones). True when it was.
  bool turn_over_journal();

  ledger_inserter inserter_;
  std::unique_ptr<ledger_journal> journal_;  // written under mutex_
  const std::uint64_t journal_turn_over_bytes_;
  const std::chrono::milliseconds flush_interval_;
  const std::chrono::milliseconds close_timeout_;
  const std::size_t max_queue_;
  const std::size_t batch_target_;  // a queue this long is committed without waiting

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable settled_cv_;  // flush() waits on it
  std::vector<entry> queue_;
  std::uint64_t appended_ = 0;    // records queued since the start
  std::uint64_t settled_ = 0;     // of those, committed or given up
  bool durable_waiting_ = false;  // or a flush: commit without waiting for the interval
  bool stopping_ = false;

  std::atomic<std::size_t> pending_{0};  // appended, not yet committed or given up
  std::atomic<std::uint64_t> written_{0};
  std::atomic<std::uint64_t> dropped_{0};
  std::atomic<std::uint64_t> commits_{0};
  std::atomic<std::uint64_t> failed_commits_{0};
  std::atomic<std::int64_t> last_drop_log_ms_{0};
  std::thread thread_;
};

}  // namespace keygate
