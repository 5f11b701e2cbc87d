// The PostgreSQL ledger's queue and its one writer thread. Records from any worker go into a
// vector under a mutex; the writer swaps it out and writes the batch with multi-row INSERTs
// (ON CONFLICT (record_id) DO NOTHING), then wakes the durable appends it held. When PostgreSQL
// fails or does not answer within its timeout, batches go to the local spool instead (synced
// before their durable appends wake), and the writer replays the spool, in order, once PostgreSQL
// answers again; only then does it write to PostgreSQL directly again.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "gateway/accounting/commit_waiter.hpp"
#include "gateway/accounting/ledger_spool.hpp"
#include "gateway/accounting/ledger_types.hpp"
#include "gateway/accounting/pg_ledger_rows.hpp"
#include "gateway/storage/pg_connection.hpp"

namespace keygate {

struct pg_ledger_writer_options {
  std::chrono::milliseconds flush_interval{5};
  std::size_t max_queue = 100'000;
  std::chrono::milliseconds retry_every{1000};  // how often a spooling writer tries PostgreSQL
  int retention_days = 0;                       // 0: keep every row
};

class pg_ledger_writer {
 public:
  // `db` is the connection made (and migrated) at start-up, or null when PostgreSQL was not
  // reachable then: the writer starts by spooling. The spool outlives the writer.
  pg_ledger_writer(postgres_options postgres, std::unique_ptr<pg_connection> db,
                   ledger_spool& spool, pg_ledger_writer_options options);
  ~pg_ledger_writer();  // stop()
  pg_ledger_writer(const pg_ledger_writer&) = delete;
  pg_ledger_writer& operator=(const pg_ledger_writer&) = delete;

  bool append(ledger_record&& record);
  void append_durable(ledger_record&& record, std::shared_ptr<commit_waiter> waiter);
  // Writes everything queued (to PostgreSQL, or to the spool when it is away) and joins.
  void stop();

  std::size_t queued() const { return pending_.load(std::memory_order_relaxed); }
  std::uint64_t written() const { return written_.load(std::memory_order_relaxed); }
  std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
  std::uint64_t replayed() const { return replayed_.load(std::memory_order_relaxed); }
  bool spooling() const { return spooling_.load(std::memory_order_relaxed); }

 private:
  struct entry {
    ledger_record record;
    std::shared_ptr<commit_waiter> waiter;  // null for a plain append
  };

  void run();
  // The batch's rows into PostgreSQL, or the spool; false when neither took them.
  bool write(const std::vector<pg_ledger_row>& rows);
  // Inserts rows in statements of at most a thousand; a row PostgreSQL refuses for itself is
  // logged and skipped. Throws pg_error (lost) when PostgreSQL is away.
  void insert(const std::vector<pg_ledger_row>& rows);
  void insert_one_by_one(const std::vector<pg_ledger_row>& rows, std::size_t from,
                         std::size_t count);
  bool connect();
  void start_spooling(std::string_view reason);
  // Replays spool chunks while PostgreSQL takes them and no durable append waits.
  void replay();
  void apply_retention();
  bool work_waiting();  // records queued, or stopping
  bool stopping();
  void count_drop(std::size_t records, std::string_view reason);

  const postgres_options postgres_;
  std::unique_ptr<pg_connection> db_;
  ledger_spool& spool_;
  const pg_ledger_writer_options options_;
  const std::size_t batch_target_;
  const std::string id_prefix_;  // record ids: this process's prefix and a sequence number
  std::uint64_t next_sequence_ = 0;

  std::chrono::steady_clock::time_point next_retry_{};
  std::chrono::steady_clock::time_point next_retention_{};
  std::chrono::steady_clock::time_point spooling_since_{};
  std::size_t spooled_this_outage_ = 0;
  std::string last_connect_error_;  // names the server, never the password

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<entry> queue_;
  bool durable_waiting_ = false;
  bool stopping_ = false;

  std::atomic<bool> spooling_{false};
  std::atomic<std::size_t> pending_{0};
  std::atomic<std::uint64_t> written_{0};
  std::atomic<std::uint64_t> dropped_{0};
  std::atomic<std::uint64_t> replayed_{0};
  std::atomic<std::int64_t> last_drop_log_ms_{0};
  std::thread thread_;
};

}  // namespace keygate
