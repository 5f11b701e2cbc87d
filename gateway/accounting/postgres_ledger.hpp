// The spend ledger in PostgreSQL, shared by every keygate instance that points at it: records go
// through one writer thread (pg_ledger_writer.hpp) and, while PostgreSQL is away, through a local
// spool. See docs/ledger.md.
#pragma once

#include <memory>
#include <mutex>

#include "gateway/accounting/ledger_spool.hpp"
#include "gateway/accounting/ledger_store.hpp"
#include "gateway/config/access_options.hpp"

namespace keygate {

class pg_connection;
class pg_ledger_writer;

struct postgres_ledger_options {
  postgres_options postgres;
  std::string spool_path;
  bool refuse_on_failure = false;
  int retention_days = 0;
  std::chrono::milliseconds flush_interval{5};
  std::size_t max_queue = 100'000;
  std::chrono::milliseconds retry_every{1000};
};

class postgres_ledger final : public ledger_store {
 public:
  // Opens the spool and connects to PostgreSQL, bringing its schema up to date. PostgreSQL being
  // unreachable is not an error (records spool until it answers); a spool that cannot be opened,
  // or a schema newer than this build, is: std::runtime_error.
  explicit postgres_ledger(postgres_ledger_options options);
  ~postgres_ledger() override;

  void append(ledger_record record) override;
  task<void> append_durable(ledger_record record) override;
  // Both read PostgreSQL on a connection of their own; throw std::runtime_error when it is away.
  spend_totals spend_since(std::int64_t since_ms) const override;
  std::vector<spend_row> query_spend(const spend_query& query) const override;

  std::size_t queued() const override;
  std::uint64_t written() const override;
  std::uint64_t dropped() const override;
  std::size_t spooled() const override;
  bool refusing() const override;
  std::string name() const override { return "PostgreSQL"; }
  bool spooling() const;
  std::uint64_t replayed() const;

 private:
  template <class F>
  auto read(F&& question) const;

  postgres_ledger_options options_;
  ledger_spool spool_;
  mutable std::mutex read_mutex_;
  mutable std::unique_ptr<pg_connection> reader_;
  std::unique_ptr<pg_ledger_writer> writer_;
};

}  // namespace keygate
