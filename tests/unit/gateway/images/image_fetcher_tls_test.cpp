// https image URLs: the certificate is checked against the trusted CAs and the host name, and the
// host name goes out as SNI, against a local TLS server with certificates made for the test.
#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <stdlib.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <fstream>
#include <optional>

#include "gateway/images/image_fetcher.hpp"

namespace keygate::image_fetcher_tls_test {
namespace {

namespace http = boost::beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using namespace std::string_view_literals;

const std::string tls_served_png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"sv);

// A CA, and server certificates it signs for given subject alternative names.
class test_pki {
 public:
  test_pki() {
    std::string pattern = (std::filesystem::temp_directory_path() / "keygate-img-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
    run("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=keygate-image-ca -keyout " +
        path("ca.key") + " -out " + path("ca.pem"));
  }
  ~test_pki() { std::filesystem::remove_all(dir_); }
  void issue(const std::string& name, const std::string& san) {
    run("openssl req -newkey rsa:2048 -nodes -subj /CN=" + name + " -keyout " +
        path(name + ".key") + " -out " + path(name + ".csr"));
    std::ofstream(path(name + ".ext")) << "subjectAltName=" << san << "\n";
    run("openssl x509 -req -days 2 -in " + path(name + ".csr") + " -CA " + path("ca.pem") +
        " -CAkey " + path("ca.key") + " -CAcreateserial -extfile " + path(name + ".ext") +
        " -out " + path(name + ".pem"));
  }
  std::string path(const std::string& file) const { return dir_ + "/" + file; }

 private:
  static void run(const std::string& command) {
    ASSERT_EQ(std::system((command + " >/dev/null 2>&1").c_str()), 0) << command;
  }
  std::string dir_;
};

// Serves the tls_served_png over TLS on 127.0.0.1 and notes the SNI it was sent.
class tls_image_server {
 public:
  tls_image_server(net::io_context& io, const test_pki& pki, const std::string& name)
      : tls_(ssl::context::tls_server), acceptor_(io, {net::ip::make_address("127.0.0.1"), 0}) {
    tls_.use_certificate_chain_file(pki.path(name + ".pem"));
    tls_.use_private_key_file(pki.path(name + ".key"), ssl::context::pem);
    net::co_spawn(io, serve(), net::detached);
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  std::string sni;
  int served = 0;

 private:
  task<void> serve() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(use_nothrow);
      if (ec) co_return;
      ssl::stream<tcp::socket> stream(std::move(socket), tls_);
      auto [hs_ec] = co_await stream.async_handshake(ssl::stream_base::server, use_nothrow);
      if (hs_ec) continue;  // the client refused the certificate
      if (const char* name = SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name))
        sni = name;
      boost::beast::flat_buffer buffer;
      http::request<http::string_body> request;
      auto [read_ec, n] = co_await http::async_read(stream, buffer, request, use_nothrow);
      if (read_ec) continue;
      http::response<http::string_body> out{http::status::ok, 11};
      out.set(http::field::content_type, "image/png");
      out.body() = tls_served_png;
      out.prepare_payload();
      co_await http::async_write(stream, out, use_nothrow);
      ++served;
    }
  }
  ssl::context tls_;
  tcp::acceptor acceptor_;
};

class ImageFetcherTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pki = new test_pki;
    pki->issue("localhost", "DNS:localhost,IP:127.0.0.1");
    pki->issue("elsewhere", "DNS:other.example");
  }
  static void TearDownTestSuite() { delete pki; }

  image_result fetch(image_fetcher& fetcher, const std::string& url) {
    image_options options;
    options.allow_private = true;
    std::optional<image_result> result;
    const fetch_limits limits{1000, std::chrono::steady_clock::now() + std::chrono::seconds(5)};
    net::co_spawn(io, fetcher.fetch(url, options, limits),
                  [&](const std::exception_ptr&, image_result r) {
                    result = std::move(r);
                    io.stop();
                  });
    io.restart();
    io.run();
    return std::move(*result);
  }
  static std::string failure_message(const image_result& result) {
    const auto* failure = std::get_if<image_failure>(&result);
    return failure ? failure->message : "the download succeeded";
  }

  static test_pki* pki;
  net::io_context io;
};
test_pki* ImageFetcherTls::pki = nullptr;

TEST_F(ImageFetcherTls, VerifiedCertificateAndSni) {
  tls_image_server server(io, *pki, "localhost");
  image_fetcher fetcher(io, pki->path("ca.pem"));
  auto result = fetch(fetcher, "https://localhost:" + std::to_string(server.port()) + "/a.png");
  ASSERT_TRUE(std::holds_alternative<fetched_image>(result)) << failure_message(result);
  EXPECT_EQ(std::get<fetched_image>(result).bytes, tls_served_png);
  EXPECT_EQ(server.sni, "localhost");
  // An address has no SNI, and its certificate must name the address.
  result = fetch(fetcher, "https://127.0.0.1:" + std::to_string(server.port()) + "/a.png");
  ASSERT_TRUE(std::holds_alternative<fetched_image>(result)) << failure_message(result);
  EXPECT_EQ(server.served, 2);
}

TEST_F(ImageFetcherTls, RefusesACertificateForAnotherName) {
  tls_image_server server(io, *pki, "elsewhere");
  image_fetcher fetcher(io, pki->path("ca.pem"));
  auto result = fetch(fetcher, "https://localhost:" + std::to_string(server.port()) + "/a.png");
  ASSERT_TRUE(std::holds_alternative<image_failure>(result));
  EXPECT_EQ(std::get<image_failure>(result).problem, image_problem::download_failed);
  EXPECT_NE(failure_message(result).find("TLS handshake"), std::string::npos)
      << failure_message(result);
  EXPECT_NE(failure_message(result).find(": hostname mismatch."), std::string::npos)
      << failure_message(result);
  EXPECT_EQ(server.served, 0);
}

TEST_F(ImageFetcherTls, RefusesACertificateThatDoesNotNameTheAddress) {
  tls_image_server server(io, *pki, "elsewhere");
  image_fetcher fetcher(io, pki->path("ca.pem"));
  auto result = fetch(fetcher, "https://127.0.0.1:" + std::to_string(server.port()) + "/a.png");
  EXPECT_NE(failure_message(result).find(": IP address mismatch."), std::string::npos)
      << failure_message(result);
  EXPECT_EQ(server.served, 0);
}

TEST_F(ImageFetcherTls, RefusesAnUntrustedCertificate) {
  tls_image_server server(io, *pki, "localhost");
  image_fetcher fetcher(io, "");  // the system's CAs only
  auto result = fetch(fetcher, "https://localhost:" + std::to_string(server.port()) + "/a.png");
  EXPECT_NE(failure_message(result).find("TLS handshake"), std::string::npos)
      << failure_message(result);
  EXPECT_NE(failure_message(result).find(": unable to get local issuer certificate."),
            std::string::npos)
      << failure_message(result);
  EXPECT_EQ(server.served, 0);
}

}  // namespace
}  // namespace keygate::image_fetcher_tls_test
