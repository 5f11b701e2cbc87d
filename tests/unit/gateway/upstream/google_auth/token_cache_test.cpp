// The shared access token: one fetch for many concurrent callers on several event loops, kept
// until shortly before it expires, dropped when the upstream refuses it.
#include "gateway/upstream/google_auth/token_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <thread>
#include <vector>

#include "gateway/upstream/google_auth/token_exchange.hpp"
#include "tests/support/eventually.hpp"

namespace keygate::google_auth::token_cache_test {
namespace {

using namespace std::chrono_literals;

// A fetcher that takes `delay` on the caller's loop and hands out "token-<n>".
struct counting_fetcher {
  std::atomic<int> calls{0};
  std::chrono::milliseconds delay{0};
  std::chrono::seconds lifetime{3600};
  bool fail = false;

  task<fetched_token> fetch() {
    const int n = ++calls;
    if (delay.count() > 0) {
      net::steady_timer timer(co_await net::this_coro::executor, delay);
      co_await timer.async_wait(use_nothrow);
    }
    if (fail) co_return fetched_token{{}, 0s, "refused"};
    co_return fetched_token{"token-" + std::to_string(n), lifetime, {}};
  }
  token_cache::fetcher as_function() {
    return [this]() { return fetch(); };
  }
};

// Runs one get() to its end on a loop of its own.
fetched_token get_now(token_cache& cache, const token_cache::fetcher& fetch) {
  net::io_context io;
  fetched_token out;
  auto run = [&]() -> task<void> { out = co_await cache.get(io.get_executor(), fetch); };
  net::co_spawn(io, run(), net::detached);
  io.run();
  return out;
}

TEST(TokenCache, ManyConcurrentCallersOnSeveralLoopsShareOneFetch) {
  token_cache cache;
  counting_fetcher fetcher;
  fetcher.delay = 50ms;
  const auto fetch = fetcher.as_function();
  constexpr int loops = 4;
  constexpr int per_loop = 25;
  std::atomic<int> answered{0};
  std::atomic<int> right_token{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < loops; ++t)
    threads.emplace_back([&] {
      net::io_context io(1);
      auto one = [&]() -> task<void> {
        auto token = co_await cache.get(io.get_executor(), fetch);
        ++answered;
        if (token.value == "token-1") ++right_token;
      };
      for (int i = 0; i < per_loop; ++i) net::co_spawn(io, one(), net::detached);
      io.run();
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(answered.load(), loops * per_loop);
  EXPECT_EQ(right_token.load(), loops * per_loop);
  EXPECT_EQ(fetcher.calls.load(), 1);
  EXPECT_EQ(cache.fetches(), 1u);
}

// A waiter whose request went away, on a loop that ended before the fetch did: the fetch's end
// wakes nobody there (a wake-up posted to that loop would touch a destroyed io_context).
TEST(TokenCache, AWaiterThatLeftOnALoopThatEndedIsNotWoken) {
  token_cache cache;
  counting_fetcher fetcher;
  fetcher.delay = 300ms;
  const auto fetch = fetcher.as_function();
  fetched_token fetched;
  std::thread fetching([&] {
    net::io_context io(1);
    auto run = [&]() -> task<void> { fetched = co_await cache.get(io.get_executor(), fetch); };
    net::co_spawn(io, run(), net::detached);
    io.run();
  });
  ASSERT_TRUE(testing::eventually([&] { return fetcher.calls.load() == 1; }));
  fetched_token left;
  {
    net::io_context io(1);
    net::cancellation_signal stop;
    auto wait = [&]() -> task<void> { left = co_await cache.get(io.get_executor(), fetch); };
    net::co_spawn(io, wait(), net::bind_cancellation_slot(stop.slot(), net::detached));
    io.poll();  // until it waits for the fetch under way
    stop.emit(net::cancellation_type::terminal);
    io.run();
  }
  fetching.join();
  EXPECT_TRUE(left.value.empty());
  EXPECT_FALSE(left.problem.empty());
  EXPECT_EQ(fetched.value, "token-1");
  EXPECT_EQ(fetcher.calls.load(), 1);
}

TEST(TokenCache, KeptUntilFiveMinutesBeforeItExpiresThenFetchedAgain) {
  auto now = token_clock::now();
  token_cache cache([&] { return now; });
  counting_fetcher fetcher;
  const auto fetch = fetcher.as_function();
  EXPECT_EQ(get_now(cache, fetch).value, "token-1");
  now += 3600s - 5min - 1s;
  EXPECT_EQ(get_now(cache, fetch).value, "token-1");
  now += 2s;
  EXPECT_EQ(get_now(cache, fetch).value, "token-2");
  EXPECT_EQ(fetcher.calls.load(), 2);
}

TEST(TokenCache, AShortLivedTokenIsReplacedAfterThreeQuartersOfItsLife) {
  EXPECT_EQ(refresh_margin(3600s), 300s);
  EXPECT_EQ(refresh_margin(60s), 15s);
  auto now = token_clock::now();
  token_cache cache([&] { return now; });
  counting_fetcher fetcher;
  fetcher.lifetime = 60s;
  const auto fetch = fetcher.as_function();
  get_now(cache, fetch);
  now += 44s;
  EXPECT_EQ(get_now(cache, fetch).value, "token-1");
  now += 2s;
  EXPECT_EQ(get_now(cache, fetch).value, "token-2");
}

TEST(TokenCache, ARefusedTokenIsDroppedButNotItsReplacement) {
  token_cache cache;
  counting_fetcher fetcher;
  const auto fetch = fetcher.as_function();
  EXPECT_EQ(get_now(cache, fetch).value, "token-1");
  cache.refused("token-1");
  EXPECT_EQ(get_now(cache, fetch).value, "token-2");
  cache.refused("token-1");  // a late 401 for the old token
  EXPECT_EQ(get_now(cache, fetch).value, "token-2");
  EXPECT_EQ(fetcher.calls.load(), 2);
}

TEST(TokenCache, AFailedFetchIsEveryWaitersAnswerAndTheNextCallerTriesAgain) {
  token_cache cache;
  counting_fetcher fetcher;
  fetcher.fail = true;
  fetcher.delay = 20ms;
  const auto fetch = fetcher.as_function();
  net::io_context io;
  int failures = 0;
  auto one = [&]() -> task<void> {
    auto token = co_await cache.get(io.get_executor(), fetch);
    if (token.value.empty() && token.problem == "refused") ++failures;
  };
  for (int i = 0; i < 10; ++i) net::co_spawn(io, one(), net::detached);
  io.run();
  EXPECT_EQ(failures, 10);
  EXPECT_EQ(fetcher.calls.load(), 1);
  fetcher.fail = false;
  EXPECT_EQ(get_now(cache, fetch).value, "token-2");
}

TEST(TokenAnswer, ReadsTheTokenAndItsLifetime) {
  auto token = read_token_answer(200, R"({"access_token":"ya29.x","expires_in":3599,)"
                                      R"("token_type":"Bearer"})");
  EXPECT_EQ(token.value, "ya29.x");
  EXPECT_EQ(token.lifetime, 3599s);
  EXPECT_TRUE(read_token_answer(200, R"({"expires_in":3599})").value.empty());
}

TEST(TokenAnswer, ARefusalSaysWhyInGooglesWords) {
  auto refused = read_token_answer(
      400, R"({"error":"invalid_grant","error_description":"Invalid JWT Signature."})");
  EXPECT_TRUE(refused.value.empty());
  EXPECT_EQ(refused.problem,
            "the token endpoint refused the service account (HTTP 400: invalid_grant: Invalid "
            "JWT Signature.)");
}

TEST(TokenExchange, TheFormCarriesTheJwtBearerGrant) {
  EXPECT_EQ(exchange_form("a.b.c"),
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=a.b.c");
}

}  // namespace
}  // namespace keygate::google_auth::token_cache_test
