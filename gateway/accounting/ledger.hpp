// The SQLite spend ledger (one machine): every finished request appended to SQLite (WAL) by one
// writer thread, off the request path; an answered request's record is in a journal file before
// its answer's last bytes. See docs/ledger.md for what a commit guarantees and when
// records are dropped.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "gateway/accounting/deployment_stats.hpp"
#include "gateway/accounting/ledger_queries.hpp"
#include "gateway/accounting/ledger_requests.hpp"
#include "gateway/accounting/ledger_store.hpp"
#include "gateway/accounting/ledger_types.hpp"
#include "gateway/base/net.hpp"
#include "gateway/storage/sqlite.hpp"

namespace keygate {

class ledger_writer;
class ledger_checkpointer;

class ledger final : public ledger_store {
 public:
  // Opens or creates the database (WAL, synchronous=NORMAL), brings its schema up to date and
  // starts the writer thread. Throws std::runtime_error naming the path and the reason.
  explicit ledger(ledger_options options);
  // Stops accepting records, commits everything queued, joins the writer.
  ~ledger() override;
  ledger(const ledger&) = delete;
  ledger& operator=(const ledger&) = delete;

  // Queues a record; never waits for the disk. Any thread. Dropped (counted, logged at most once
  // a second) when max_queue records are waiting already.
  void append(ledger_record record) override;

  // Writes the record to the journal and queues it, and returns at once: it then survives kill -9
  // of the process (the next open replays it). Without a journal (options.journal off, or a
  // journal that refused the write), queues it and resumes, on the awaiting coroutine's own
  // executor, once its transaction has committed. A full queue does not drop it: it
  // queues past max_queue and waits its turn. Throws system_error(operation_aborted) when the wait
  // is cancelled (the record is still written), std::runtime_error when the record was not written
  // (SQLite refused it, or the ledger closed on a failing database). The executor must run one
  // handler at a time (a one-thread io_context or a strand). The ledger must outlive the call.
  task<void> append_durable(ledger_record record) override;

  // Known costs of the records with time_ms >= since_ms, by key and by team, read through the
  // ledger's read connection: what budgets restart from. Blocking; thread-safe.
  spend_totals spend_since(std::int64_t since_ms) const override;
  // Spend report grouped by one or two dimensions (ledger_queries.hpp). Blocking; thread-safe.
  std::vector<spend_row> query_spend(const spend_query& query) const override;
  // The admin's requests page and one request (ledger_requests.hpp). Blocking; thread-safe.
  requests_page query_requests(const requests_query& query) const override;
  std::optional<request_row> find_request(std::string_view request_id,
                                          const std::optional<std::string>& key_id) const override;

  // Each deployment's recent latencies and failures (deployment_stats.hpp). Blocking; thread-safe.
  std::map<std::string, deployment_stats> recent_deployment_stats(
      std::int64_t since_ms) const override;

  // Returns once everything appended before is committed, or after busy_timeout when the database
  // is held by another process (the reads above do this themselves, then read what is committed).
  void flush() const override;

  std::size_t queued() const override;  // appended, not yet committed
  std::uint64_t written() const override;
  std::uint64_t dropped() const override;
  std::string name() const override { return "SQLite"; }
  std::uint64_t commits() const;         // transactions committed
  std::uint64_t failed_commits() const;  // transactions that failed and were retried
  std::uint64_t checkpoints() const;     // WAL checkpoints done in the background

  const std::string& path() const { return options_.path; }

 private:
  ledger_options options_;
  mutable std::mutex read_mutex_;
  sqlite_db reader_;
  std::unique_ptr<ledger_checkpointer> checkpointer_;  // outlives the writer's commits
  std::unique_ptr<ledger_writer> writer_;
};

}  // namespace keygate
