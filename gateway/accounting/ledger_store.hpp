// Where finished requests are recorded and spend is read back: one interface, with the SQLite
// ledger (`ledger`, one machine) and the PostgreSQL one (`postgres_ledger`, a fleet) behind it.
// The request path, the admin API and the budget restore at start-up only see this.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/accounting/deployment_stats.hpp"
#include "gateway/accounting/ledger_queries.hpp"
#include "gateway/accounting/ledger_requests.hpp"
#include "gateway/accounting/ledger_types.hpp"
#include "gateway/base/net.hpp"

namespace keygate {

// A question this store cannot answer (yet). capability() names what is missing, in words an
// admin API client can read ("spend by provider", "the requests page"); what() is a sentence
// naming the store too. The admin API answers 501 (docs/admin-api.md).
class ledger_unsupported : public std::runtime_error {
 public:
  ledger_unsupported(const std::string& store, std::string capability)
      : std::runtime_error("The " + store + " ledger cannot answer " + capability + " yet."),
        capability_(std::move(capability)) {}
  const std::string& capability() const { return capability_; }

 private:
  std::string capability_;
};

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
  // Spend report grouped by one or two dimensions (ledger_queries.hpp). Blocking. Throws
  // ledger_unsupported for a dimension or filter the store cannot read.
  virtual std::vector<spend_row> query_spend(const spend_query& query) const = 0;
  // The admin's requests page and one request (ledger_requests.hpp). Blocking. Throws
  // ledger_unsupported where the store cannot answer them.
  virtual requests_page query_requests(const requests_query&) const {
    throw ledger_unsupported(name(), "the requests page");
  }
  virtual std::optional<request_row> find_request(std::string_view,
                                                  const std::optional<std::string>&) const {
    throw ledger_unsupported(name(), "one request's detail");
  }
  // Each deployment's recent latencies and failures (deployment_stats.hpp). Blocking. Throws
  // ledger_unsupported where the store cannot answer it.
  virtual std::map<std::string, deployment_stats> recent_deployment_stats(std::int64_t) const {
    throw ledger_unsupported(name(), "recent deployment figures");
  }

  // Returns once everything appended before the call can be read back (a reader that queries the
  // store another way, as the console's own connection does, calls this first).
  virtual void flush() const {}

  virtual std::size_t queued() const = 0;  // appended, not yet committed
  virtual std::uint64_t written() const = 0;
  virtual std::uint64_t dropped() const = 0;
  // Records kept on local disk until the shared store takes them (0 for a local ledger).
  virtual std::size_t spooled() const { return 0; }
  // True while the store cannot take records and the config says to refuse requests then.
  virtual bool refusing() const { return false; }
  // What the store is, for messages: "SQLite", "PostgreSQL".
  virtual std::string name() const = 0;
};

}  // namespace keygate
