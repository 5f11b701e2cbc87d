// The console database's own threads. A worker never waits on SQLite: it hands a job to this
// pool and its coroutine resumes, on its own executor, with the job's result (the same wake-up as
// the ledger's durable appends, commit_waiter). Each thread keeps its own connections: the console
// database and, when there is a ledger, a read-only one to it.
#pragma once

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "gateway/accounting/commit_waiter.hpp"
#include "gateway/console/api_error.hpp"

struct sqlite3;

namespace keygate::console {

struct db_handles {
  sqlite3* console = nullptr;
  sqlite3* ledger = nullptr;  // null: no ledger (or it cannot be read)
};

class db_pool {
 public:
  // Opens (and brings up to date) the console database on the calling thread first, so a file
  // that cannot be used fails the start with std::runtime_error naming it.
  // `flush_ledger` (may be empty) runs before each job that has the ledger: the ledger's writer
  // commits what is queued, so the job reads every answered request.
  db_pool(std::string console_path, std::string ledger_path,
          std::function<void()> flush_ledger = {}, unsigned threads = 2);
  // Runs what is queued, then joins.
  ~db_pool();
  db_pool(const db_pool&) = delete;
  db_pool& operator=(const db_pool&) = delete;

  // Runs job(db_handles) on a pool thread. api_failure becomes the result's error; any other
  // exception (SQLite's) is logged and becomes a 500. The job owns what it uses (captures by
  // value): the awaiting coroutine may be gone when it runs.
  // The job is taken by reference and moved into the queue before the first suspension: callers
  // pass a named lambda (a lambda temporary inside co_await is destroyed twice by GCC 12).
  template <class F>
  auto run(F&& job) -> task<api_result<std::invoke_result_t<F&, db_handles>>> {
    using T = std::invoke_result_t<F&, db_handles>;
    auto waiter = std::make_shared<commit_waiter>();
    auto result = std::make_shared<api_result<T>>();
    post([job = std::forward<F>(job), waiter, result](db_handles db) mutable {
      try {
        result->value.emplace(job(db));
      } catch (const api_failure& failure) {
        result->error = failure.error();
      } catch (const std::exception& error) {
        result->error = internal_error(error);
      } catch (...) {
        result->error = internal_error(std::runtime_error("unknown failure"));
      }
      waiter->finish(true);
    });
    if (co_await commit_waiter::wait(waiter) != commit_waiter::outcome::committed)
      throw boost::system::system_error(net::error::operation_aborted);
    co_return std::move(*result);
  }

  // Runs job on a pool thread and waits for it here: for startup and tests.
  template <class F>
  auto run_now(F job) -> std::invoke_result_t<F&, db_handles> {
    using T = std::invoke_result_t<F&, db_handles>;
    std::promise<T> done;
    auto future = done.get_future();
    post([&job, &done](db_handles db) {
      try {
        done.set_value(job(db));
      } catch (...) {
        done.set_exception(std::current_exception());
      }
    });
    return future.get();
  }

  // Queues a job whose result nobody waits for (a deletion, say).
  void post(std::function<void(db_handles)> job);

 private:
  static api_error internal_error(const std::exception& error);
  void work();

  std::string console_path_;
  std::string ledger_path_;
  std::function<void()> flush_ledger_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void(db_handles)>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace keygate::console
