#include "gateway/accounting/postgres_ledger.hpp"

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>
#include <stdexcept>

#include "gateway/accounting/commit_waiter.hpp"
#include "gateway/accounting/pg_ledger_queries.hpp"
#include "gateway/accounting/pg_ledger_schema.hpp"
#include "gateway/accounting/pg_ledger_writer.hpp"
#include "gateway/logging/logging.hpp"
#include "gateway/storage/pg_connection.hpp"

namespace keygate {

postgres_ledger::postgres_ledger(postgres_ledger_options options)
    : options_(std::move(options)), spool_(options_.spool_path) {
  std::unique_ptr<pg_connection> db;
  try {
    db = std::make_unique<pg_connection>(options_.postgres);
    migrate_pg_ledger(*db);
  } catch (const pg_error& error) {
    if (!error.lost()) throw std::runtime_error("ledger: " + std::string(error.what()));
    db.reset();
    log_warn("ledger: PostgreSQL is not reachable; records spool until it is",
             {{"error", error.what()}, {"spool", spool_.path()}});
  }
  writer_ = std::make_unique<pg_ledger_writer>(
      options_.postgres, std::move(db), spool_,
      pg_ledger_writer_options{.flush_interval = options_.flush_interval,
                               .max_queue = options_.max_queue,
                               .retry_every = options_.retry_every,
                               .retention_days = options_.retention_days});
}

postgres_ledger::~postgres_ledger() {
  writer_->stop();
}

void postgres_ledger::append(ledger_record record) {
  writer_->append(std::move(record));
}

task<void> postgres_ledger::append_durable(ledger_record record) {
  auto waiter = std::make_shared<commit_waiter>();
  writer_->append_durable(std::move(record), waiter);
  switch (co_await commit_waiter::wait(waiter)) {
    case commit_waiter::outcome::committed:
      co_return;
    case commit_waiter::outcome::pending:
      throw boost::system::system_error(net::error::operation_aborted);
    case commit_waiter::outcome::failed:
      break;
  }
  throw std::runtime_error("ledger: record not written (see the log)");
}

template <class F>
auto postgres_ledger::read(F&& question) const {
  std::lock_guard lock(read_mutex_);
  try {
    if (!reader_ || !reader_->ok()) reader_ = std::make_unique<pg_connection>(options_.postgres);
    return question(*reader_);
  } catch (const pg_error& error) {
    if (error.lost()) reader_.reset();
    throw std::runtime_error(std::string("ledger: ") + error.what());
  }
}

ledger_store::spend_totals postgres_ledger::spend_since(std::int64_t since_ms) const {
  return read([&](pg_connection& db) { return read_pg_spend_since(db, since_ms); });
}

std::vector<spend_row> postgres_ledger::query_spend(const spend_query& query) const {
  // Before the server is asked: a question it cannot answer is a 501 whether it is up or not.
  if (auto missing = pg_spend_missing_capability(query)) throw ledger_unsupported(name(), *missing);
  return read([&](pg_connection& db) { return read_pg_spend(db, query); });
}

std::size_t postgres_ledger::queued() const {
  return writer_->queued();
}
std::uint64_t postgres_ledger::written() const {
  return writer_->written();
}
std::uint64_t postgres_ledger::dropped() const {
  return writer_->dropped();
}
std::size_t postgres_ledger::spooled() const {
  return spool_.depth();
}
bool postgres_ledger::refusing() const {
  return options_.refuse_on_failure && writer_->spooling();
}
bool postgres_ledger::spooling() const {
  return writer_->spooling();
}
std::uint64_t postgres_ledger::replayed() const {
  return writer_->replayed();
}

}  // namespace keygate
