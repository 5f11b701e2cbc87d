#include "gateway/accounting/ledger.hpp"

#include <sqlite3.h>

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>
#include <stdexcept>

#include "gateway/accounting/commit_waiter.hpp"
#include "gateway/accounting/ledger_checkpointer.hpp"
#include "gateway/accounting/ledger_inserter.hpp"
#include "gateway/accounting/ledger_journal.hpp"
#include "gateway/accounting/ledger_replay.hpp"
#include "gateway/accounting/ledger_schema.hpp"
#include "gateway/accounting/ledger_writer.hpp"

namespace keygate {

namespace {

constexpr int read_write = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

}  // namespace

ledger::ledger(ledger_options options) : options_(std::move(options)) {
  // SQLite would give each connection its own private database for these.
  if (options_.path.empty() || options_.path == ":memory:")
    throw std::runtime_error("ledger: needs a file path, not '" + options_.path + "'");
  try {
    auto db = open_sqlite(options_.path, read_write);
    prepare_ledger_db(db.get(), options_.busy_timeout);
    checkpointer_ = std::make_unique<ledger_checkpointer>(
        open_sqlite(options_.path, SQLITE_OPEN_READWRITE), options_.checkpoint_pages);
    checkpointer_->watch(db.get());
    ledger_inserter inserter(std::move(db));
    // Before this process's own journal exists: a dead process with our pid left one of that name.
    replay_ledger_journals(options_.path, inserter);
    auto journal = options_.journal ? std::make_unique<ledger_journal>(options_.path) : nullptr;
    reader_ = open_sqlite(options_.path, SQLITE_OPEN_READWRITE);
    prepare_ledger_reader(reader_.get(), options_.busy_timeout);
    writer_ = std::make_unique<ledger_writer>(std::move(inserter), std::move(journal), options_);
  } catch (const std::exception& error) {
    throw std::runtime_error("ledger '" + options_.path + "': " + error.what());
  }
}

ledger::~ledger() {
  writer_->stop();
}

void ledger::append(ledger_record record) {
  writer_->append(std::move(record));
}

task<void> ledger::append_durable(ledger_record record) {
  if (writer_->append_journaled(record)) co_return;
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
  // Refused by SQLite, or given up while closing (then the ledger may be gone: no options_ here).
  throw std::runtime_error("ledger: record not written (see the log)");
}

ledger::spend_totals ledger::spend_since(std::int64_t since_ms) const {
  writer_->flush(options_.busy_timeout);
  std::lock_guard lock(read_mutex_);
  return read_spend_since(reader_.get(), since_ms);
}

std::vector<spend_row> ledger::query_spend(const spend_query& query) const {
  writer_->flush(options_.busy_timeout);
  std::lock_guard lock(read_mutex_);
  return read_spend(reader_.get(), query);
}

requests_page ledger::query_requests(const requests_query& query) const {
  writer_->flush(options_.busy_timeout);
  std::lock_guard lock(read_mutex_);
  return read_requests(reader_.get(), query);
}

std::optional<request_row> ledger::find_request(std::string_view request_id,
                                                const std::optional<std::string>& key_id) const {
  writer_->flush(options_.busy_timeout);
  std::lock_guard lock(read_mutex_);
  return read_request(reader_.get(), request_id, key_id);
}

std::map<std::string, deployment_stats> ledger::recent_deployment_stats(
    std::int64_t since_ms) const {
  // Enough for percentiles; bounds the work when traffic is heavy.
  constexpr int max_rows = 50'000;
  writer_->flush(options_.busy_timeout);
  std::lock_guard lock(read_mutex_);
  return read_deployment_stats(reader_.get(), since_ms, max_rows);
}

void ledger::flush() const {
  writer_->flush(options_.busy_timeout);
}

std::size_t ledger::queued() const {
  return writer_->queued();
}
std::uint64_t ledger::written() const {
  return writer_->written();
}
std::uint64_t ledger::dropped() const {
  return writer_->dropped();
}
std::uint64_t ledger::commits() const {
  return writer_->commits();
}
std::uint64_t ledger::failed_commits() const {
  return writer_->failed_commits();
}
std::uint64_t ledger::checkpoints() const {
  return checkpointer_->checkpoints();
}

}  // namespace keygate
