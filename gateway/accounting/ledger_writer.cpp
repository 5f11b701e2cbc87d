#include "gateway/accounting/ledger_writer.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <optional>

#include "gateway/accounting/ledger_record_codec.hpp"
#include "gateway/logging/logging.hpp"

namespace keygate {

namespace {

using steady = std::chrono::steady_clock;

constexpr std::chrono::milliseconds first_retry{10};
constexpr std::chrono::milliseconds max_retry{1000};
constexpr std::chrono::seconds failure_log_every{5};
constexpr std::size_t kept_capacity = 4096;  // a burst's bigger vector is released afterwards

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(steady::now().time_since_epoch())
      .count();
}

// Errors that come from one record rather than from the database: retrying would fail again.
bool record_error(int code) {
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      return true;
    default:
      return false;
  }
}

}  // namespace

ledger_writer::ledger_writer(ledger_inserter inserter, std::unique_ptr<ledger_journal> journal,
                             const ledger_options& options)
    : inserter_(std::move(inserter)),
      journal_(std::move(journal)),
      journal_turn_over_bytes_(options.journal_turn_over_bytes),
      flush_interval_(options.flush_interval),
      close_timeout_(options.close_timeout),
      max_queue_(std::max<std::size_t>(options.max_queue, 1)),
      batch_target_(std::max<std::size_t>(max_queue_ / 2, 1)),
      last_drop_log_ms_(std::numeric_limits<std::int64_t>::min() / 2),
      thread_([this] { run(); }) {}

ledger_writer::~ledger_writer() {
  stop();
}

bool ledger_writer::append(ledger_record&& record) {
  std::unique_lock lock(mutex_);
  if (stopping_ || pending_.load(std::memory_order_relaxed) >= max_queue_) {
    const bool stopping = stopping_;
    lock.unlock();
    count_drop(1, stopping ? "ledger is closing" : "ledger queue full (disk stalled?)");
    return false;
  }
  enqueue(std::move(lock), std::move(record));
  return true;
}

void ledger_writer::enqueue(std::unique_lock<std::mutex> lock, ledger_record&& record) {
  queue_.push_back(entry{std::move(record), nullptr, false});
  ++appended_;
  pending_.fetch_add(1, std::memory_order_relaxed);
  // The writer sleeps while the queue is empty and gathers for a flush interval after the first
  // record: only the first, or a queue long enough to commit at once, needs to wake it.
  const bool wake = queue_.size() == 1 || queue_.size() == batch_target_;
  lock.unlock();
  if (wake) wake_.notify_one();
}

void ledger_writer::append_durable(ledger_record&& record, std::shared_ptr<commit_waiter> waiter) {
  std::unique_lock lock(mutex_);
  if (stopping_) {
    lock.unlock();
    count_drop(1, "ledger is closing");
    waiter->finish(false);
    return;
  }
  queue_.push_back(entry{std::move(record), std::move(waiter), false});
  ++appended_;
  pending_.fetch_add(1, std::memory_order_relaxed);
  durable_waiting_ = true;
  lock.unlock();
  wake_.notify_one();
}

bool ledger_writer::append_journaled(ledger_record& record) {
  if (!journal_) return false;
  thread_local std::string frame;
  frame.clear();
  encode_ledger_frame(record, frame);
  std::unique_lock lock(mutex_);
  // A full queue (the disk stalls, or SQLite cannot keep up) makes the caller wait for a commit:
  // what bounds the queue when appends never wait.
  if (stopping_ || pending_.load(std::memory_order_relaxed) >= max_queue_ ||
      !journal_->write(frame))
    return false;
  enqueue(std::move(lock), std::move(record));
  return true;
}

bool ledger_writer::flush(std::chrono::milliseconds bound) {
  std::unique_lock lock(mutex_);
  const auto target = appended_;
  if (settled_ >= target) return true;
  durable_waiting_ = true;
  wake_.notify_one();
  return settled_cv_.wait_for(lock, bound, [&] { return settled_ >= target; });
}

bool ledger_writer::turn_over_journal() {
  if (!journal_ || journal_->holds_old() || journal_->size() < journal_turn_over_bytes_)
    return false;
  try {
    journal_->turn_over();
    return true;
  } catch (const std::exception& error) {
    log_error("ledger journal cannot turn over", {{"error", error.what()}});
    return false;
  }
}

void ledger_writer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void ledger_writer::run() {
  std::vector<entry> batch;
  bool gave_up = false;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) {  // stopping, and everything is committed
      if (journal_ && !gave_up) journal_->remove_all();
      return;
    }
    // Plain appends gather for a flush interval: one commit carries many of them. A durable
    // append has a caller waiting, so it goes at once (with whatever else is queued).
    wake_.wait_for(lock, flush_interval_,
                   [&] { return stopping_ || durable_waiting_ || queue_.size() >= batch_target_; });
    batch.swap(queue_);
    durable_waiting_ = false;
    const bool turned_over = turn_over_journal();
    lock.unlock();

    const bool committed = commit_with_retry(batch);
    // Records given up stay in their journal for the next open to replay.
    if (!committed) gave_up = true;
    if (turned_over && committed) {
      lock.lock();
      journal_->drop_old();
      lock.unlock();
    }
    std::size_t lost = 0;
    for (const auto& e : batch)
      if (!committed || e.refused) ++lost;
    // Counters first: a woken caller may read them at once.
    written_.fetch_add(batch.size() - lost, std::memory_order_relaxed);
    pending_.fetch_sub(batch.size(), std::memory_order_relaxed);
    if (lost) count_drop(lost, committed ? "ledger refused a record" : "ledger gave up a batch");
    for (auto& e : batch)
      if (e.waiter) e.waiter->finish(committed && !e.refused);
    const auto done = batch.size();
    batch.clear();
    if (batch.capacity() > kept_capacity) batch = std::vector<entry>();
    lock.lock();
    settled_ += done;
    settled_cv_.notify_all();
  }
}

bool ledger_writer::commit_with_retry(std::vector<entry>& batch) {
  auto delay = first_retry;
  std::optional<steady::time_point> give_up_at;
  std::optional<steady::time_point> next_log;
  for (int attempt = 1;; ++attempt) {
    try {
      try_commit(batch);
      commits_.fetch_add(1, std::memory_order_relaxed);
      if (attempt > 1) log_info("ledger write recovered", {{"attempts", attempt}});
      return true;
    } catch (const std::exception& error) {
      inserter_.rollback();
      failed_commits_.fetch_add(1, std::memory_order_relaxed);
      const auto now = steady::now();
      if (!next_log || now >= *next_log) {
        log_error("ledger write failed; retrying",
                  {{"error", error.what()}, {"records", batch.size()}, {"attempt", attempt}});
        next_log = now + failure_log_every;
      }
    }
    {
      std::lock_guard lock(mutex_);
      if (stopping_ && !give_up_at) give_up_at = steady::now() + close_timeout_;
    }
    if (give_up_at && steady::now() >= *give_up_at) {
      log_error("ledger write failed at shutdown; records lost",
                {{"records", batch.size()}, {"attempts", attempt}});
      return false;
    }
    std::this_thread::sleep_for(
        give_up_at ? std::min<steady::duration>(delay, *give_up_at - steady::now()) : delay);
    delay = std::min(delay * 2, max_retry);
  }
}

void ledger_writer::try_commit(std::vector<entry>& batch) {
  inserter_.begin();
  for (auto& e : batch) {
    if (e.refused) continue;
    try {
      inserter_.insert(e.record);
    } catch (const sqlite_error& error) {
      if (!record_error(error.code())) throw;
      e.refused = true;  // the rest of the batch still goes in
      log_error("ledger refused a record",
                {{"request_id", e.record.request_id}, {"error", error.what()}});
    }
  }
  inserter_.commit();
}

void ledger_writer::count_drop(std::size_t records, std::string_view reason) {
  const auto total = dropped_.fetch_add(records, std::memory_order_relaxed) + records;
  // Logged at most once a second, by whichever thread gets there first.
  const auto now = steady_ms();
  auto last = last_drop_log_ms_.load(std::memory_order_relaxed);
  if (now - last >= 1000 && last_drop_log_ms_.compare_exchange_strong(last, now))
    log_warn("ledger dropped records", {{"reason", reason}, {"dropped_total", total}});
}

}  // namespace keygate
