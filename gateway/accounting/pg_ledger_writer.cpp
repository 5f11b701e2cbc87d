#include "gateway/accounting/pg_ledger_writer.hpp"

#include <algorithm>
#include <limits>
#include <random>

#include "gateway/accounting/pg_ledger_schema.hpp"
#include "gateway/logging/logging.hpp"

namespace keygate {

namespace {

using steady = std::chrono::steady_clock;

constexpr std::size_t pg_rows_per_statement = 1000;  // 24 000 parameters, under libpq's 65 535
constexpr std::size_t pg_replay_chunk = 2000;
constexpr std::int64_t pg_retention_chunk = 5000;
constexpr std::chrono::hours pg_retention_every{1};
constexpr std::chrono::hours pg_idle_wake{1};
constexpr std::size_t pg_kept_capacity = 4096;

std::int64_t pg_steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(steady::now().time_since_epoch())
      .count();
}

std::string pg_random_prefix() {
  std::random_device device;
  const std::uint64_t value = (std::uint64_t{device()} << 32) | device();
  char text[17];
  static constexpr char digits[] = "0123456789abcdef";
  for (int i = 0; i < 16; ++i) text[i] = digits[(value >> (60 - 4 * i)) & 0xf];
  text[16] = '\0';
  return text;
}

// Errors that come from the rows themselves (a value PostgreSQL will not store): retrying the
// same rows would fail again, so they are skipped. Anything else is PostgreSQL's trouble.
bool pg_row_error(const pg_error& error) {
  const auto& state = error.sqlstate();
  return !error.lost() && (state.starts_with("22") || state.starts_with("23"));
}

}  // namespace

pg_ledger_writer::pg_ledger_writer(postgres_options postgres, std::unique_ptr<pg_connection> db,
                                   ledger_spool& spool, pg_ledger_writer_options options)
    : postgres_(std::move(postgres)),
      db_(std::move(db)),
      spool_(spool),
      options_(options),
      batch_target_(std::max<std::size_t>(options.max_queue / 2, 1)),
      id_prefix_(pg_random_prefix() + "-"),
      last_drop_log_ms_(std::numeric_limits<std::int64_t>::min() / 2) {
  // Records spooled before a restart go first: new ones queue behind them in the spool.
  if (!db_ || !spool_.empty()) {
    spooling_.store(true);
    spooling_since_ = steady::now();
    spooled_this_outage_ = spool_.depth();
    if (!spool_.empty())
      log_info("ledger spool holds records from before; replaying",
               {{"records", spool_.depth()}, {"spool", spool_.path()}});
  }
  thread_ = std::thread([this] { run(); });
}

pg_ledger_writer::~pg_ledger_writer() {
  stop();
}

bool pg_ledger_writer::append(ledger_record&& record) {
  std::unique_lock lock(mutex_);
  if (stopping_ || pending_.load(std::memory_order_relaxed) >= options_.max_queue) {
    const bool stopping = stopping_;
    lock.unlock();
    count_drop(1, stopping ? "ledger is closing" : "ledger queue full");
    return false;
  }
  queue_.push_back(entry{std::move(record), nullptr});
  pending_.fetch_add(1, std::memory_order_relaxed);
  const bool wake = queue_.size() == 1 || queue_.size() == batch_target_;
  lock.unlock();
  if (wake) wake_.notify_one();
  return true;
}

void pg_ledger_writer::append_durable(ledger_record&& record,
                                      std::shared_ptr<commit_waiter> waiter) {
  std::unique_lock lock(mutex_);
  if (stopping_) {
    lock.unlock();
    count_drop(1, "ledger is closing");
    waiter->finish(false);
    return;
  }
  queue_.push_back(entry{std::move(record), std::move(waiter)});
  pending_.fetch_add(1, std::memory_order_relaxed);
  durable_waiting_ = true;
  lock.unlock();
  wake_.notify_one();
}

void pg_ledger_writer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

bool pg_ledger_writer::stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

bool pg_ledger_writer::work_waiting() {
  std::lock_guard lock(mutex_);
  return !queue_.empty() || stopping_;
}

void pg_ledger_writer::run() {
  std::vector<entry> batch;
  std::vector<pg_ledger_row> rows;
  std::unique_lock lock(mutex_);
  for (;;) {
    const auto now = steady::now();
    auto deadline = now + pg_idle_wake;
    if (spooling_.load())
      deadline = std::min(deadline, next_retry_);
    else if (options_.retention_days > 0)
      deadline = std::min(deadline, next_retention_);
    wake_.wait_until(lock, deadline, [&] { return stopping_ || !queue_.empty(); });
    if (!queue_.empty()) {
      // Plain appends gather for a flush interval; a durable one has a caller waiting.
      wake_.wait_for(lock, options_.flush_interval, [&] {
        return stopping_ || durable_waiting_ || queue_.size() >= batch_target_;
      });
      batch.swap(queue_);
      durable_waiting_ = false;
      lock.unlock();

      rows.clear();
      rows.reserve(batch.size());
      for (const auto& e : batch)
        rows.push_back(pg_ledger_row_of(e.record, id_prefix_ + std::to_string(next_sequence_++)));
      const bool ok = write(rows);
      if (ok) written_.fetch_add(batch.size(), std::memory_order_relaxed);
      pending_.fetch_sub(batch.size(), std::memory_order_relaxed);
      if (!ok) count_drop(batch.size(), "ledger spool failed");
      for (auto& e : batch)
        if (e.waiter) e.waiter->finish(ok);
      batch.clear();
      if (batch.capacity() > pg_kept_capacity) batch = std::vector<entry>();
    } else {
      if (stopping_) return;
      lock.unlock();
    }
    // Also between batches: under steady load the queue is never empty when the writer looks.
    const auto later = steady::now();
    if (spooling_.load() && later >= next_retry_ && !stopping())
      replay();
    else if (!spooling_.load() && options_.retention_days > 0 && later >= next_retention_ &&
             !stopping())
      apply_retention();
    lock.lock();
  }
}

bool pg_ledger_writer::write(const std::vector<pg_ledger_row>& rows) {
  if (!spooling_.load()) {
    if (!db_ || !db_->ok()) {
      if (!connect()) start_spooling(last_connect_error_);
    }
    if (!spooling_.load()) {
      try {
        insert(rows);
        return true;
      } catch (const pg_error& error) {
        start_spooling(error.what());
      }
    }
  }
  try {
    spool_.append(rows);
    spooled_this_outage_ += rows.size();
    return true;
  } catch (const std::exception& error) {
    log_error("ledger spool write failed; records lost",
              {{"error", error.what()}, {"records", rows.size()}});
    return false;
  }
}

void pg_ledger_writer::insert(const std::vector<pg_ledger_row>& rows) {
  std::vector<const char*> values;
  for (std::size_t from = 0; from < rows.size(); from += pg_rows_per_statement) {
    const auto count = std::min(pg_rows_per_statement, rows.size() - from);
    values.clear();
    for (std::size_t i = from; i < from + count; ++i)
      for (const auto& value : rows[i]) values.push_back(value ? value->c_str() : nullptr);
    try {
      db_->exec_values(pg_ledger_insert_sql(count), values);
    } catch (const pg_error& error) {
      if (!pg_row_error(error)) throw;
      insert_one_by_one(rows, from, count);  // find the row it refused; the others go in
    }
  }
}

void pg_ledger_writer::insert_one_by_one(const std::vector<pg_ledger_row>& rows, std::size_t from,
                                         std::size_t count) {
  const auto sql = pg_ledger_insert_sql(1);
  for (std::size_t i = from; i < from + count; ++i) {
    try {
      db_->exec(sql, rows[i]);
    } catch (const pg_error& error) {
      if (!pg_row_error(error)) throw;
      log_error("ledger refused a record",
                {{"request_id", rows[i][1].value_or("")}, {"error", error.what()}});
      count_drop(1, "ledger refused a record");
    }
  }
}

bool pg_ledger_writer::connect() {
  try {
    db_ = std::make_unique<pg_connection>(postgres_);
    migrate_pg_ledger(*db_);
    return true;
  } catch (const std::exception& error) {
    db_.reset();
    last_connect_error_ = error.what();
    return false;
  }
}

void pg_ledger_writer::start_spooling(std::string_view reason) {
  db_.reset();
  spooling_.store(true);
  spooling_since_ = steady::now();
  spooled_this_outage_ = 0;
  next_retry_ = spooling_since_ + options_.retry_every;
  log_warn("ledger spooling: PostgreSQL is unavailable; records wait on local disk",
           {{"reason", reason}, {"spool", spool_.path()}});
}

void pg_ledger_writer::replay() {
  next_retry_ = steady::now() + options_.retry_every;
  if ((!db_ || !db_->ok()) && !connect()) return;
  for (;;) {
    ledger_spool::chunk chunk;
    try {
      chunk = spool_.peek(pg_replay_chunk);
    } catch (const std::exception& error) {
      log_error("ledger spool cannot be read", {{"error", error.what()}});
      return;
    }
    if (chunk.lines == 0) {
      try {
        spool_.clear();
      } catch (const std::exception& error) {
        log_error("ledger spool cannot be emptied", {{"error", error.what()}});
        return;
      }
      spooling_.store(false);
      const std::chrono::duration<double> took = steady::now() - spooling_since_;
      log_info("ledger spool drained; writing to PostgreSQL again",
               {{"records", spooled_this_outage_}, {"seconds", took.count()}});
      return;
    }
    try {
      insert(chunk.rows);
    } catch (const pg_error&) {
      db_.reset();
      return;
    }
    spool_.consumed(chunk);
    replayed_.fetch_add(chunk.rows.size(), std::memory_order_relaxed);
    // New records wait in memory meanwhile: let the loop spool them (in order, behind these),
    // then come straight back.
    if (work_waiting()) {
      next_retry_ = steady::now();
      return;
    }
  }
}

void pg_ledger_writer::apply_retention() {
  next_retention_ = steady::now() + pg_retention_every;
  if ((!db_ || !db_->ok()) && !connect()) return;
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  // A day boundary, so that a day's totals in spend_daily go with its rows.
  const auto cutoff =
      (now_ms - std::int64_t{options_.retention_days} * 86'400'000) / 86'400'000 * 86'400'000;
  std::int64_t deleted = 0;
  try {
    // Small deletes, each its own short transaction: the table is never locked for long.
    for (;;) {
      const auto done = db_->exec(
          "DELETE FROM requests WHERE id IN (SELECT id FROM requests WHERE time_ms < $1 LIMIT " +
              std::to_string(pg_retention_chunk) + ")",
          {std::to_string(cutoff)});
      deleted += done.affected();
      if (done.affected() < pg_retention_chunk) {
        db_->exec("DELETE FROM spend_daily WHERE day < $1", {std::to_string(cutoff / 86'400'000)});
        break;
      }
      if (work_waiting()) {
        next_retention_ = steady::now();  // records first; the rest right after
        break;
      }
    }
  } catch (const pg_error& error) {
    if (error.lost()) db_.reset();
    log_warn("ledger retention failed; tried again later", {{"error", error.what()}});
  }
  if (deleted > 0)
    log_info("ledger retention deleted old rows",
             {{"rows", deleted}, {"retention_days", options_.retention_days}});
}

void pg_ledger_writer::count_drop(std::size_t records, std::string_view reason) {
  const auto total = dropped_.fetch_add(records, std::memory_order_relaxed) + records;
  const auto now = pg_steady_ms();
  auto last = last_drop_log_ms_.load(std::memory_order_relaxed);
  if (now - last >= 1000 && last_drop_log_ms_.compare_exchange_strong(last, now))
    log_warn("ledger dropped records", {{"reason", reason}, {"dropped_total", total}});
}

}  // namespace keygate
