// The image fetcher against a small local server: non-public addresses are refused before any
// connection, redirects are checked hop by hop, and size, type, status and time limits hold.
#include "gateway/images/image_fetcher.hpp"

#include <gtest/gtest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <memory>
#include <optional>

namespace keygate::image_fetcher_test {
namespace {

namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using response = http::response<http::string_body>;
using namespace std::string_view_literals;

const std::string served_png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"sv);

response answer(http::status status, const std::string& type, std::string body) {
  response out{status, 11};
  if (!type.empty()) out.set(http::field::content_type, type);
  out.body() = std::move(body);
  out.prepare_payload();
  return out;
}

response redirect_to(const std::string& location) {
  response out{http::status::found, 11};
  out.set(http::field::location, location);
  out.prepare_payload();
  return out;
}

// Answers each request with what the handler makes of its target; no answer keeps the
// connection open and silent.
class test_server {
 public:
  using handler = std::function<std::optional<response>(const std::string& target)>;
  test_server(net::io_context& io, handler h)
      : acceptor_(io, {net::ip::make_address("127.0.0.1"), 0}) {
    handler_ = std::move(h);
    net::co_spawn(io, accept_loop(), net::detached);
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + path;
  }
  int connections = 0;

 private:
  task<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(use_nothrow);
      if (ec) co_return;
      ++connections;
      auto shared = std::make_shared<tcp::socket>(std::move(socket));
      net::co_spawn(acceptor_.get_executor(), serve(shared), net::detached);
    }
  }
  task<void> serve(std::shared_ptr<tcp::socket> socket) {
    boost::beast::flat_buffer buffer;
    http::request<http::string_body> request;
    auto [ec, n] = co_await http::async_read(*socket, buffer, request, use_nothrow);
    if (ec) co_return;
    auto reply = handler_(std::string(request.target()));
    if (!reply) {
      silent_.push_back(socket);
      co_return;
    }
    co_await http::async_write(*socket, *reply, use_nothrow);
  }
  tcp::acceptor acceptor_;
  handler handler_;
  std::vector<std::shared_ptr<tcp::socket>> silent_;
};

class ImageFetcher : public ::testing::Test {
 protected:
  image_result fetch(const std::string& url, std::size_t max_bytes = 1000,
                     std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    std::optional<image_result> result;
    const fetch_limits limits{max_bytes, std::chrono::steady_clock::now() + timeout};
    net::co_spawn(io, fetcher.fetch(url, options, limits),
                  [&](const std::exception_ptr& error, image_result r) {
                    if (error) std::rethrow_exception(error);
                    result = std::move(r);
                    io.stop();
                  });
    io.restart();
    io.run();
    return std::move(*result);
  }
  static image_failure failure_of(const image_result& result) {
    if (const auto* failure = std::get_if<image_failure>(&result)) return *failure;
    ADD_FAILURE() << "the download succeeded";
    return {};
  }

  net::io_context io;
  image_fetcher fetcher{io, ""};
  image_options options;
};

TEST_F(ImageFetcher, RefusesLoopbackBeforeConnecting) {
  test_server server(
      io, [](const std::string&) { return answer(http::status::ok, "image/png", served_png); });
  auto failure = failure_of(fetch(server.url("/a.png")));
  EXPECT_EQ(failure.problem, image_problem::blocked);
  EXPECT_NE(failure.message.find("loopback"), std::string::npos) << failure.message;
  failure = failure_of(fetch(server.url("/a.png").replace(7, 9, "localhost")));
  EXPECT_EQ(failure.problem, image_problem::blocked) << failure.message;
  EXPECT_EQ(server.connections, 0);
}

TEST_F(ImageFetcher, RefusesEveryNonPublicLiteral) {
  for (const char* url :
       {"http://10.0.0.1/a.png", "http://172.16.5.4/a.png", "http://192.168.0.10/a.png",
        "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/a.png", "http://[::1]/a.png",
        "http://[::]/a.png", "http://[fd00::1]/a.png", "http://[fe80::1]/a.png",
        "http://[::ffff:127.0.0.1]/a.png", "http://[::ffff:a9fe:a9fe]/a.png",
        "http://2130706433/a.png", "http://0x7f.1/a.png", "https://224.0.0.1/a.png"}) {
    auto failure = failure_of(fetch(url));
    EXPECT_EQ(failure.problem, image_problem::blocked) << url << ": " << failure.message;
  }
}

TEST_F(ImageFetcher, AllowedNetworksAndAllowPrivateOpenTheWay) {
  test_server server(
      io, [](const std::string&) { return answer(http::status::ok, "image/png", served_png); });
  options.allowed_networks.add("127.0.0.1/32");
  auto result = fetch(server.url("/a.png"));
  ASSERT_TRUE(std::holds_alternative<fetched_image>(result)) << failure_of(result).message;
  EXPECT_EQ(std::get<fetched_image>(result).bytes, served_png);
  EXPECT_EQ(std::get<fetched_image>(result).media_type, "image/png");

  options = {};
  options.allow_private = true;
  EXPECT_TRUE(std::holds_alternative<fetched_image>(fetch(server.url("/a.png"))));
  EXPECT_EQ(server.connections, 2);
}

TEST_F(ImageFetcher, ChecksEveryRedirectHop) {
  options.allowed_networks.add("127.0.0.1");
  test_server server(io, [](const std::string& target) -> std::optional<response> {
    if (target == "/to-metadata") return redirect_to("http://169.254.169.254/latest/meta-data/");
    if (target == "/to-v6-loopback") return redirect_to("http://[::1]/a.png");
    if (target == "/to-file") return redirect_to("file:///etc/passwd");
    if (target == "/relative") return redirect_to("/a.png");
    if (target == "/loop") return redirect_to("/loop");
    return answer(http::status::ok, "image/png", served_png);
  });
  auto failure = failure_of(fetch(server.url("/to-metadata")));
  EXPECT_EQ(failure.problem, image_problem::blocked);
  EXPECT_NE(failure.message.find("link-local"), std::string::npos) << failure.message;
  EXPECT_EQ(failure_of(fetch(server.url("/to-v6-loopback"))).problem, image_problem::blocked);
  EXPECT_EQ(failure_of(fetch(server.url("/to-file"))).problem, image_problem::download_failed);
  EXPECT_EQ(server.connections, 3);

  EXPECT_TRUE(std::holds_alternative<fetched_image>(fetch(server.url("/relative"))));
  EXPECT_EQ(server.connections, 5);

  failure = failure_of(fetch(server.url("/loop")));
  EXPECT_EQ(failure.problem, image_problem::download_failed);
  EXPECT_NE(failure.message.find("more than 3 times"), std::string::npos) << failure.message;
  EXPECT_EQ(server.connections, 5 + 4);  // the first request and three redirects
}

TEST_F(ImageFetcher, AllowedHostsAreCheckedBeforeResolving) {
  options.allow_private = true;
  options.allowed_hosts = {"images.example.com"};
  test_server server(
      io, [](const std::string&) { return answer(http::status::ok, "image/png", served_png); });
  auto failure = failure_of(fetch(server.url("/a.png")));
  EXPECT_EQ(failure.problem, image_problem::blocked);
  EXPECT_NE(failure.message.find("allowed hosts"), std::string::npos) << failure.message;
  EXPECT_EQ(server.connections, 0);
}

TEST_F(ImageFetcher, SizeTypeAndStatus) {
  options.allow_private = true;
  test_server server(io, [](const std::string& target) -> std::optional<response> {
    if (target == "/big")
      return answer(http::status::ok, "image/png", served_png + std::string(2000, 'x'));
    if (target == "/untyped")
      return answer(http::status::ok, "application/octet-stream", served_png);
    if (target == "/html") return answer(http::status::ok, "text/html", "<html></html>");
    if (target == "/gone") return answer(http::status::not_found, "text/plain", "gone");
    return answer(http::status::ok, "image/png", served_png);
  });
  auto failure = failure_of(fetch(server.url("/big")));
  EXPECT_EQ(failure.problem, image_problem::too_large);
  EXPECT_EQ(failure.message, "The image is larger than 1000 bytes.");
  auto untyped = fetch(server.url("/untyped"));
  ASSERT_TRUE(std::holds_alternative<fetched_image>(untyped));
  EXPECT_EQ(std::get<fetched_image>(untyped).media_type, "image/png");
  EXPECT_EQ(failure_of(fetch(server.url("/html"))).problem, image_problem::unsupported_type);
  failure = failure_of(fetch(server.url("/gone")));
  EXPECT_EQ(failure.problem, image_problem::download_failed);
  EXPECT_EQ(failure.message, "The image server answered HTTP 404.");
}

TEST_F(ImageFetcher, GivesUpAtTheDeadline) {
  options.allow_private = true;
  test_server server(io, [](const std::string&) { return std::optional<response>(); });
  const auto start = std::chrono::steady_clock::now();
  auto failure = failure_of(fetch(server.url("/slow"), 1000, std::chrono::milliseconds(200)));
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(failure.problem, image_problem::download_failed);
  EXPECT_EQ(failure.message, "Downloading the image timed out.");
  EXPECT_GE(took, std::chrono::milliseconds(190));
  EXPECT_LT(took, std::chrono::seconds(2));
}

// The client left: its request is cancelled, and the download with it, long before the deadline.
TEST_F(ImageFetcher, StopsWhenCancelled) {
  options.allow_private = true;
  net::cancellation_signal cancel;
  // The client leaves once the download is under way: the server has the request.
  test_server server(io, [&](const std::string&) {
    net::post(io, [&] { cancel.emit(net::cancellation_type::terminal); });
    return std::optional<response>();
  });
  std::optional<image_result> result;
  const fetch_limits limits{1000, std::chrono::steady_clock::now() + std::chrono::seconds(5)};
  const auto start = std::chrono::steady_clock::now();
  net::co_spawn(
      io, fetcher.fetch(server.url("/slow"), options, limits),
      net::bind_cancellation_slot(cancel.slot(), [&](const std::exception_ptr&, image_result r) {
        result = std::move(r);
        io.stop();
      }));
  io.run();
  ASSERT_TRUE(result);
  EXPECT_TRUE(std::holds_alternative<image_failure>(*result));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST_F(ImageFetcher, InvalidUrls) {
  EXPECT_EQ(failure_of(fetch("http://user:pw@example.com/a.png")).problem,
            image_problem::invalid_url);
  EXPECT_EQ(failure_of(fetch("http://")).problem, image_problem::invalid_url);
}

}  // namespace
}  // namespace keygate::image_fetcher_test
