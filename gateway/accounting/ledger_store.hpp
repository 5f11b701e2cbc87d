// Where finished requests are recorded and spend is read back: one interface, with the SQLite
// ledger (`ledger`, one machine) and the PostgreSQL one (`postgres_ledger`, a fleet) behind it.
// The request path, the admin API and the budget restore at start-up only see this.
#pragma once

#include <cstdint>
#include <vector>

#include "gateway/accounting/ledger_queries.hpp"
#include "gateway/accounting/ledger_types.hpp"
#include "gateway/base/net.hpp"

namespace keygate {

class ledger_store {
 public:
  using spend_totals = keygate::spend_totals;

  virtual ~ledger_store() = default;

  // Queues a record; never waits for a disk or a server. Any thread.
  virtual void append(ledger_record record) = 0;
  // Queues a record and resumes, on the awaiting coroutine's own executor, once it survives
  // kill -9 of this process. Throws system_error(operation_aborted) when the wait is cancelled
  // (the record is still written), std::runtime_error when it was not written.
  virtual task<void> append_durable(ledger_record record) = 0;

  // Known costs of the records with time_ms >= since_ms, by key and by team. Blocking.
  virtual spend_totals spend_since(std::int64_t since_ms) const = 0;
  // Spend report grouped by key, model or UTC day. Blocking.
  virtual std::vector<spend_row> query_spend(const spend_query& query) const = 0;

  virtual std::size_t queued() const = 0;  // appended, not yet committed
  virtual std::uint64_t written() const = 0;
  virtual std::uint64_t dropped() const = 0;
  // Records kept on local disk until the shared store takes them (0 for a local ledger).
  virtual std::size_t spooled() const { return 0; }
  // True while the store cannot take records and the config says to refuse requests then.
  virtual bool refusing() const { return false; }
};

}  // namespace keygate
