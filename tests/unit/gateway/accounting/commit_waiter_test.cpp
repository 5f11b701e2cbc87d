#include "gateway/accounting/commit_waiter.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <memory>
#include <thread>

#include "ledger_test_support.hpp"

namespace keygate::commit_waiter_test {
namespace {

using namespace std::chrono_literals;
using outcome = commit_waiter::outcome;

TEST(CommitWaiter, FinishedBeforeTheWaitReturnsAtOnce) {
  net::io_context io;
  auto waiter = std::make_shared<commit_waiter>();
  waiter->finish(true);
  outcome seen = outcome::pending;
  auto work = [&]() -> task<void> { seen = co_await commit_waiter::wait(waiter); };
  test::run_task(io, work());
  EXPECT_EQ(seen, outcome::committed);
}

TEST(CommitWaiter, AnotherThreadsFinishResumesTheWaiterOnItsOwnThread) {
  for (bool committed : {true, false}) {
    net::io_context io;
    auto waiter = std::make_shared<commit_waiter>();
    outcome seen = outcome::pending;
    std::thread::id resumed_on;
    auto work = [&]() -> task<void> {
      seen = co_await commit_waiter::wait(waiter);
      resumed_on = std::this_thread::get_id();
    };
    auto done = net::co_spawn(io, work(), net::use_future);
    io.poll();  // runs the coroutine up to its wait
    EXPECT_EQ(seen, outcome::pending);
    std::thread writer([&] { waiter->finish(committed); });
    io.run();
    writer.join();
    done.get();
    EXPECT_EQ(seen, committed ? outcome::committed : outcome::failed);
    EXPECT_EQ(resumed_on, std::this_thread::get_id());
  }
}

TEST(CommitWaiter, FinishAfterTheWaiterIsGoneDoesNothing) {
  auto waiter = std::make_shared<commit_waiter>();
  {
    net::io_context io;
    net::co_spawn(io, commit_waiter::wait(waiter), net::detached);
    io.poll();           // runs the coroutine up to its wait
  }                      // the io_context, and the waiting frame with its timer, are gone
  waiter->finish(true);  // nothing to post to, and nothing posted
  EXPECT_EQ(waiter->result(), outcome::committed);
  EXPECT_EQ(waiter.use_count(), 1);
}

}  // namespace
}  // namespace keygate::commit_waiter_test
