#include "gateway/upstream/connection_pool.hpp"

#include <gtest/gtest.h>
#include <poll.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <memory>
#include <string_view>
#include <thread>
#include <vector>

#include "gateway/upstream/upstream_connection.hpp"
#include "tests/support/eventually.hpp"

namespace keygate::connection_pool_test {
namespace {

using tcp = net::ip::tcp;
using namespace std::chrono_literals;
using testing::eventually;

// Whether the socket has something to read (bytes, or the peer's close).
bool readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 0) == 1;
}

// A loopback listener; each connect() gives a client-side connection and keeps its server side.
class ConnectionPoolTest : public ::testing::Test {
 protected:
  ConnectionPoolTest() : acceptor_(io_, tcp::endpoint(net::ip::address_v4::loopback(), 0)) {}

  std::unique_ptr<upstream_connection> connect(const std::string& key) {
    auto conn = std::make_unique<upstream_connection>(io_.get_executor(), key);
    conn->lowest().socket().connect(acceptor_.local_endpoint());
    server_sides_.push_back(acceptor_.accept());
    return conn;
  }

  tcp::socket& last_server_side() { return server_sides_.back(); }

  net::io_context io_;
  tcp::acceptor acceptor_;
  std::vector<tcp::socket> server_sides_;
};

TEST_F(ConnectionPoolTest, EmptyPoolHasNothing) {
  connection_pool pool(4, 30s);
  EXPECT_EQ(pool.acquire("http://a:80"), nullptr);
  EXPECT_EQ(pool.idle_count(), 0u);
}

TEST_F(ConnectionPoolTest, ReleasedConnectionIsReused) {
  connection_pool pool(4, 30s);
  auto conn = connect("http://a:80");
  EXPECT_FALSE(conn->reused);
  upstream_connection* raw = conn.get();
  pool.release(std::move(conn));
  EXPECT_EQ(pool.idle_count(), 1u);

  auto again = pool.acquire("http://a:80");
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again.get(), raw);
  EXPECT_TRUE(again->reused);
  EXPECT_EQ(pool.idle_count(), 0u);
  EXPECT_EQ(pool.acquire("http://a:80"), nullptr);
}

TEST_F(ConnectionPoolTest, MostRecentlyReleasedComesFirst) {
  connection_pool pool(4, 30s);
  auto first = connect("k");
  auto second = connect("k");
  upstream_connection* first_raw = first.get();
  upstream_connection* second_raw = second.get();
  pool.release(std::move(first));
  pool.release(std::move(second));
  EXPECT_EQ(pool.acquire("k").get(), second_raw);
  EXPECT_EQ(pool.acquire("k").get(), first_raw);
}

TEST_F(ConnectionPoolTest, KeepsAtMostMaxIdlePerHost) {
  connection_pool pool(2, 30s);
  std::vector<upstream_connection*> kept;
  for (int i = 0; i < 4; ++i) {
    auto conn = connect("k");
    if (i < 2) kept.push_back(conn.get());
    pool.release(std::move(conn));
  }
  EXPECT_EQ(pool.idle_count(), 2u);
  pool.release(connect("other"));
  EXPECT_EQ(pool.idle_count(), 3u);

  std::vector<std::unique_ptr<upstream_connection>> got;
  while (auto conn = pool.acquire("k")) got.push_back(std::move(conn));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].get(), kept[1]);
  EXPECT_EQ(got[1].get(), kept[0]);
  EXPECT_EQ(pool.idle_count(), 1u);
}

TEST_F(ConnectionPoolTest, IdleTimeoutExpiresConnections) {
  connection_pool pool(4, 1ms);
  pool.release(connect("k"));
  pool.release(connect("k"));
  std::this_thread::sleep_for(2ms);  // not a wait: the connections outlive the idle timeout
  EXPECT_EQ(pool.acquire("k"), nullptr);
  EXPECT_EQ(pool.idle_count(), 0u);  // stale ones are closed on the way
}

TEST_F(ConnectionPoolTest, ConnectionClosedByThePeerIsNotReturned) {
  connection_pool pool(4, 30s);
  auto healthy = connect("k");
  upstream_connection* healthy_raw = healthy.get();
  pool.release(std::move(healthy));
  auto dead = connect("k");
  const int dead_fd = dead->lowest().socket().native_handle();
  pool.release(std::move(dead));
  last_server_side().close();
  ASSERT_TRUE(eventually([&] { return readable(dead_fd); })) << "the peer's close arrives";

  auto conn = pool.acquire("k");  // skips the dead one on top
  ASSERT_NE(conn, nullptr);
  EXPECT_EQ(conn.get(), healthy_raw);
  EXPECT_EQ(pool.idle_count(), 0u);
}

TEST_F(ConnectionPoolTest, ConnectionWithUnaskedBytesIsNotReturned) {
  connection_pool pool(4, 30s);
  auto conn = connect("k");
  const int fd = conn->lowest().socket().native_handle();
  pool.release(std::move(conn));
  net::write(last_server_side(), net::buffer(std::string_view("HTTP/1.1 200 OK\r\n")));
  ASSERT_TRUE(eventually([&] { return readable(fd); })) << "the bytes arrive";
  EXPECT_EQ(pool.acquire("k"), nullptr);
}

TEST_F(ConnectionPoolTest, ClosedSocketIsNotReturned) {
  connection_pool pool(4, 30s);
  auto conn = connect("k");
  conn->lowest().socket().close();
  pool.release(std::move(conn));
  EXPECT_EQ(pool.acquire("k"), nullptr);
}

TEST_F(ConnectionPoolTest, KeysDoNotMix) {
  connection_pool pool(4, 30s);
  auto a = connect("https://a:443");
  upstream_connection* a_raw = a.get();
  pool.release(std::move(a));
  EXPECT_EQ(pool.acquire("https://b:443"), nullptr);
  EXPECT_EQ(pool.acquire("http://a:443"), nullptr);
  EXPECT_EQ(pool.idle_count(), 1u);
  auto got = pool.acquire("https://a:443");
  ASSERT_NE(got, nullptr);
  EXPECT_EQ(got.get(), a_raw);
  EXPECT_EQ(got->pool_key(), "https://a:443");
}

}  // namespace
}  // namespace keygate::connection_pool_test
