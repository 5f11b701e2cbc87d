#include "gateway/storage/redis_connection.hpp"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <optional>

namespace keygate {

namespace {

using clock = std::chrono::steady_clock;

struct pending {
  std::optional<redis_reply> reply;
  net::steady_timer* timer = nullptr;  // the waiting coroutine's, while it waits
};

void on_reply(redisAsyncContext*, void* raw, void* privdata) {
  if (!privdata) return;  // AUTH and SELECT: nobody waits
  auto* holder = static_cast<std::shared_ptr<pending>*>(privdata);
  auto state = std::move(*holder);
  delete holder;
  state->reply = redis_reply::from(static_cast<redisReply*>(raw));
  if (state->timer) state->timer->cancel();
}

}  // namespace

struct redis_connection::link : std::enable_shared_from_this<link> {
  explicit link(net::io_context& io) : socket(io) {}

  redisAsyncContext* ac = nullptr;
  net::posix::stream_descriptor socket;
  bool reading = false, writing = false, want_read = false, want_write = false;

  void wait(bool for_read) {
    bool& busy = for_read ? reading : writing;
    if (busy || !ac) return;
    busy = true;
    const auto what =
        for_read ? net::posix::descriptor_base::wait_read : net::posix::descriptor_base::wait_write;
    socket.async_wait(what, [self = shared_from_this(), for_read](boost::system::error_code ec) {
      (for_read ? self->reading : self->writing) = false;
      if (ec || !self->ac) return;
      if (for_read)
        redisAsyncHandleRead(self->ac);
      else
        redisAsyncHandleWrite(self->ac);
      // hiredis may have freed the context in there (cleanup cleared `ac`).
      if (self->ac && (for_read ? self->want_read : self->want_write)) self->wait(for_read);
    });
  }

  static link& of(void* data) { return *static_cast<link*>(data); }
  static void add_read(void* d) {
    of(d).want_read = true;
    of(d).wait(true);
  }
  static void del_read(void* d) { of(d).want_read = false; }
  static void add_write(void* d) {
    of(d).want_write = true;
    of(d).wait(false);
  }
  static void del_write(void* d) { of(d).want_write = false; }
  static void cleanup(void* d) {
    auto& self = of(d);
    self.ac = nullptr;
    boost::system::error_code ignored;
    if (self.socket.is_open()) self.socket.release();  // hiredis closes the descriptor itself
    (void)ignored;
  }

  void close() {
    if (!ac) return;
    redisAsyncFree(ac);  // pending callbacks get a null reply; cleanup() runs
  }
};

redis_connection::redis_connection(net::io_context& io, redis_options options)
    : io_(io), options_(std::move(options)) {}

redis_connection::~redis_connection() {
  if (link_) link_->close();
}

void redis_connection::connect() {
  if (link_) link_->close();
  link_ = std::make_shared<link>(io_);
  next_connect_ = clock::now() + std::chrono::seconds(1);
  redisAsyncContext* ac = redisAsyncConnect(options_.host.c_str(), options_.port);
  if (!ac) return;
  if (ac->err) {
    redisAsyncFree(ac);
    return;
  }
  link_->ac = ac;
  boost::system::error_code ec;
  link_->socket.assign(ac->c.fd, ec);
  if (ec) {
    redisAsyncFree(ac);
    link_->ac = nullptr;
    return;
  }
  ac->ev.data = link_.get();
  ac->ev.addRead = link::add_read;
  ac->ev.delRead = link::del_read;
  ac->ev.addWrite = link::add_write;
  ac->ev.delWrite = link::del_write;
  ac->ev.cleanup = link::cleanup;
  // hiredis wants a write readiness to learn that the connect completed.
  link::add_write(link_.get());
  if (!options_.password.empty()) {
    const char* argv[] = {"AUTH", options_.password.c_str()};
    const std::size_t len[] = {4, options_.password.size()};
    redisAsyncCommandArgv(ac, on_reply, nullptr, 2, argv, len);
  }
  if (options_.database != 0) {
    const std::string db = std::to_string(options_.database);
    const char* argv[] = {"SELECT", db.c_str()};
    const std::size_t len[] = {6, db.size()};
    redisAsyncCommandArgv(ac, on_reply, nullptr, 2, argv, len);
  }
}

task<redis_reply> redis_connection::command(std::vector<std::string> args) {
  if ((!link_ || !link_->ac) && clock::now() >= next_connect_) connect();
  if (!link_ || !link_->ac) co_return redis_reply::failure("not connected");

  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (const auto& a : args) {
    argv.push_back(a.data());
    lengths.push_back(a.size());
  }
  auto state = std::make_shared<pending>();
  net::steady_timer timer(io_, options_.timeout);
  state->timer = &timer;
  struct unhook {
    pending& p;
    ~unhook() { p.timer = nullptr; }
  } guard{*state};
  auto* holder = new std::shared_ptr<pending>(state);
  if (redisAsyncCommandArgv(link_->ac, on_reply, holder, static_cast<int>(argv.size()), argv.data(),
                            lengths.data()) != REDIS_OK) {
    delete holder;
    co_return redis_reply::failure("command refused by the client library");
  }
  co_await timer.async_wait(use_nothrow);
  if (state->reply) co_return std::move(*state->reply);
  auto cancelled = (co_await net::this_coro::cancellation_state).cancelled();
  if (cancelled != net::cancellation_type::none) co_return redis_reply::failure("cancelled");
  // No answer in time: this connection is not to be trusted; a later command makes a new one.
  link_->close();
  co_return redis_reply::failure("timed out");
}

}  // namespace keygate
