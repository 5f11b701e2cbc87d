#include "gateway/http/http_server.hpp"

#include <sys/socket.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <thread>

#include "gateway/base/shared_snapshot.hpp"
#include "gateway/http/connection.hpp"
#include "gateway/logging/logging.hpp"

namespace keygate {

namespace {

using tcp = net::ip::tcp;
using reuse_port = net::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// Answered without reading the request: the connection limit is reached.
constexpr std::string_view overloaded_response =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\n"
    "Content-Length: 120\r\n\r\n"
    R"({"error":{"message":"Too many open connections.","type":"server_error","param":null,)"
    R"("code":"too_many_connections"}})";

tcp::endpoint resolve_endpoint(const std::string& host, std::uint16_t port) {
  boost::system::error_code ec;
  auto address = net::ip::make_address(host, ec);
  if (!ec) return {address, port};
  net::io_context io;
  tcp::resolver resolver(io);
  auto results = resolver.resolve(host, std::to_string(port));
  return *results.begin();
}

// One line a second at most: when it happens, it happens to every new connection at once.
void note_out_of_descriptors() {
  static std::atomic<std::int64_t> last_logged{0};
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::steady_clock::now().time_since_epoch())
                       .count();
  auto previous = last_logged.load();
  if (now > previous && last_logged.compare_exchange_strong(previous, now))
    log_error("out of file descriptors: new connections wait until some close; raise ulimit -n");
}

}  // namespace

struct http_server::impl {
  // Declaration order is destruction order reversed: coroutine frames die with io, and they
  // still reach into context, so context outlives io.
  struct worker {
    std::unique_ptr<worker_context> context;
    // Only this worker's thread touches its sockets and timers, so the reactor needs no locks;
    // the scheduler keeps its own, since other threads post to it (drain, stop).
    net::io_context io{BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO};
    std::optional<tcp::acceptor> acceptor;
    std::thread thread;
  };

  server_options options;
  handler_factory factory;
  std::atomic<std::size_t> open_connections{0};
  shared_snapshot<net::ssl::context> tls_context;
  std::atomic<bool> tls_enabled{false};  // spares the plain listener the shared_ptr load
  std::vector<std::unique_ptr<worker>> workers;
  std::uint16_t bound_port = 0;
  net::io_context control{1};  // signals and stop requests
  // Installed by listen(), before anyone can learn the port: a signal that arrives between then
  // and run() waits in the set instead of killing the process.
  std::optional<net::signal_set> stop_signals;
  std::optional<net::signal_set> hangups;
  std::function<void()> on_reload;

  static task<void> accept_loop(impl& self, worker& w) {
    const auto limit = self.options.limits.max_connections;
    for (;;) {
      auto [ec, socket] = co_await w.acceptor->async_accept(use_nothrow);
      if (ec == net::error::operation_aborted || !w.acceptor->is_open()) co_return;
      if (ec) {  // out of descriptors, most likely: let connections finish before trying again
        if (ec == net::error::no_descriptors || ec.value() == ENFILE) note_out_of_descriptors();
        net::steady_timer pause(w.io, std::chrono::milliseconds(50));
        co_await pause.async_wait(use_nothrow);
        continue;
      }
      if (self.open_connections.load(std::memory_order_relaxed) >= limit) {
        boost::system::error_code ignored;
        socket.non_blocking(true, ignored);
        socket.write_some(net::buffer(overloaded_response), ignored);
        socket.close(ignored);
        continue;
      }
      boost::system::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      tls_context_ptr tls;
      if (self.tls_enabled.load(std::memory_order_relaxed)) tls = self.tls_context.load();
      auto conn = std::make_shared<connection>(std::move(socket), *w.context, std::move(tls));
      net::co_spawn(w.io, connection::run(std::move(conn)), net::detached);
    }
  }

  // The handler owns the worker's services (its upstream pool among them), whose sockets must die
  // before the io_context: drop it now; requests still suspended keep their own reference and die
  // with the io_context's pending operations.
  static void release_handler(worker& w) {
    if (w.context) w.context->handler = nullptr;
  }

  void begin_drain() {
    for (auto& w : workers) {
      net::post(w->io, [&w = *w] {
        boost::system::error_code ignored;
        w.acceptor->close(ignored);
        w.context->draining = true;
        for (auto* conn : w.context->connections) conn->on_drain();
      });
    }
  }
};

http_server::http_server(server_options options, handler_factory factory)
    : impl_(std::make_unique<impl>()) {
  impl_->options = std::move(options);
  impl_->factory = std::move(factory);
}

http_server::~http_server() {
  for (auto& w : impl_->workers) {
    w->io.stop();
    if (w->thread.joinable()) w->thread.join();
    impl::release_handler(*w);
  }
}

void http_server::listen() {
  auto& self = *impl_;
  unsigned threads = self.options.threads ? self.options.threads
                                          : std::max(1u, std::thread::hardware_concurrency());
  self.stop_signals.emplace(self.control, SIGINT, SIGTERM);
  self.hangups.emplace(self.control, SIGHUP);
  auto endpoint = resolve_endpoint(self.options.host, self.options.port);
  for (unsigned i = 0; i < threads; ++i) {
    auto w = std::make_unique<impl::worker>();
    w->acceptor.emplace(w->io);
    w->acceptor->open(endpoint.protocol());
    w->acceptor->set_option(tcp::acceptor::reuse_address(true));
    w->acceptor->set_option(reuse_port(true));
    w->acceptor->bind(endpoint);
    w->acceptor->listen(net::socket_base::max_listen_connections);
    endpoint.port(w->acceptor->local_endpoint().port());  // later workers share an ephemeral port
    self.workers.push_back(std::move(w));
  }
  self.bound_port = endpoint.port();
}

std::uint16_t http_server::port() const {
  return impl_->bound_port;
}

bool http_server::run() {
  auto& self = *impl_;
  if (self.workers.empty()) listen();
  for (unsigned i = 0; i < self.workers.size(); ++i) {
    auto& w = *self.workers[i];
    w.context = std::make_unique<worker_context>(worker_context{
        w.io, self.options, self.factory(i, w.io), self.open_connections, {}, false});
    net::co_spawn(w.io, impl::accept_loop(self, w), net::detached);
    w.thread = std::thread([&io = w.io] { io.run(); });
  }

  self.stop_signals->async_wait([&](auto, int) { self.control.stop(); });
  std::function<void()> wait_hangup = [&] {
    self.hangups->async_wait([&](boost::system::error_code ec, int) {
      if (ec) return;
      if (self.on_reload) self.on_reload();
      wait_hangup();
    });
  };
  wait_hangup();
  self.control.run();

  self.begin_drain();
  const auto deadline = std::chrono::steady_clock::now() + self.options.shutdown_grace;
  while (self.open_connections.load() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const bool drained = self.open_connections.load() == 0;
  for (auto& w : self.workers) {
    w->io.stop();
    w->thread.join();
    impl::release_handler(*w);
  }
  return drained;
}

void http_server::set_tls_context(tls_context_ptr context) {
  const bool enabled = context != nullptr;
  impl_->tls_context.store(std::move(context));
  impl_->tls_enabled = enabled;
}

void http_server::on_reload_signal(std::function<void()> callback) {
  impl_->on_reload = std::move(callback);
}

void http_server::stop() {
  net::post(impl_->control, [this] { impl_->control.stop(); });
}

}  // namespace keygate
