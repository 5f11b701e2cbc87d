#include "gateway/console/db_pool.hpp"

#include <sqlite3.h>

#include "gateway/accounting/ledger_schema.hpp"
#include "gateway/console/console_schema.hpp"
#include "gateway/logging/logging.hpp"
#include "gateway/storage/sqlite.hpp"

namespace keygate::console {

namespace {

constexpr auto busy_timeout = std::chrono::milliseconds(5000);

sqlite_db open_console(const std::string& path) {
  auto db = open_sqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  prepare_console_db(db.get(), busy_timeout);
  return db;
}

// The ledger exists already (it is opened before the console); never created from here.
sqlite_db open_ledger_reader(const std::string& path) {
  if (path.empty()) return nullptr;
  try {
    auto db = open_sqlite(path, SQLITE_OPEN_READWRITE);
    prepare_ledger_reader(db.get(), busy_timeout);
    return db;
  } catch (const std::exception& error) {
    log_warn("console: the ledger cannot be read; messages get no figures",
             {{"reason", error.what()}});
    return nullptr;
  }
}

}  // namespace

db_pool::db_pool(std::string console_path, std::string ledger_path,
                 std::function<void()> flush_ledger, unsigned threads)
    : console_path_(std::move(console_path)),
      ledger_path_(std::move(ledger_path)),
      flush_ledger_(std::move(flush_ledger)) {
  if (console_path_.empty() || console_path_ == ":memory:")
    throw std::runtime_error("console: needs a file path, not '" + console_path_ + "'");
  try {
    open_console(console_path_);
  } catch (const std::exception& error) {
    throw std::runtime_error("console database '" + console_path_ + "': " + error.what());
  }
  for (unsigned i = 0; i < std::max(threads, 1u); ++i) threads_.emplace_back([this] { work(); });
}

db_pool::~db_pool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void db_pool::post(std::function<void(db_handles)> job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

api_error db_pool::internal_error(const std::exception& error) {
  log_error("console database failed", {{"reason", error.what()}});
  return {500, "console_storage_failed", "The console could not read or write its database."};
}

void db_pool::work() {
  sqlite_db console;
  sqlite_db ledger;
  bool ledger_tried = false;
  for (;;) {
    std::function<void(db_handles)> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    try {
      if (!console) console = open_console(console_path_);
    } catch (const std::exception& error) {
      log_error("console database cannot be opened", {{"reason", error.what()}});
    }
    if (!ledger_tried) {
      ledger = open_ledger_reader(ledger_path_);
      ledger_tried = true;
    }
    try {
      if (ledger && flush_ledger_) flush_ledger_();
      job({console.get(), ledger.get()});
    } catch (const std::exception& error) {
      log_error("console database job failed", {{"reason", error.what()}});
    }
  }
}

}  // namespace keygate::console
