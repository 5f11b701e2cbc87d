// Upstream TLS: certificates are verified against the configured CA, the host name and the validity
// dates are checked, SNI is sent, and a deployment that switches verification off keeps its
// connections apart; all against a real TLS server with certificates made for the test.
#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <mutex>
#include <thread>
#include <vector>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::tls_upstream_test {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace http = boost::beast::http;

void run(const std::string& command) {
  ASSERT_EQ(std::system((command + " >/dev/null 2>&1").c_str()), 0) << command;
}

// A CA, and server certificates it signs for the given subject alternative names.
class test_pki {
 public:
  test_pki() {
    run("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=keygate-test-ca -keyout " +
        path("ca.key") + " -out " + path("ca.pem"));
  }
  // Writes <name>.key and <name>.pem, valid from now for `days`; -1 makes one that has expired.
  void issue(const std::string& name, const std::string& san, int days = 2) {
    run("openssl req -newkey rsa:2048 -nodes -subj /CN=" + name + " -keyout " +
        path(name + ".key") + " -out " + path(name + ".csr"));
    dir.write(name + ".ext", "subjectAltName=" + san + "\n");
    run("openssl x509 -req -days " + std::to_string(days) + " -in " + path(name + ".csr") +
        " -CA " + path("ca.pem") + " -CAkey " + path("ca.key") + " -CAcreateserial -extfile " +
        path(name + ".ext") + " -out " + path(name + ".pem"));
  }
  std::string path(const std::string& file) const { return dir.path() + "/" + file; }
  temp_dir dir;
};

// Answers every request with a fixed chat completion over TLS, noting the SNI it was sent.
class tls_upstream {
 public:
  tls_upstream(const std::string& cert, const std::string& key) : tls_(ssl::context::tls_server) {
    tls_.use_certificate_chain_file(cert);
    tls_.use_private_key_file(key, ssl::context::pem);
    acceptor_.open(net::ip::tcp::v4());
    acceptor_.bind({net::ip::make_address("127.0.0.1"), 0});
    acceptor_.listen();
    thread_ = std::thread([this] { serve(); });
  }
  // Declared before the gateway in each test, so the gateway (and its pooled connection) is gone
  // by now; shutting the listening socket down wakes the blocked accept.
  ~tls_upstream() {
    ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
    thread_.join();
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  std::string sni() {
    std::lock_guard lock(mutex_);
    return sni_;
  }

 private:
  void serve() {
    std::vector<std::thread> connections;  // each worker of the gateway may hold one open
    for (;;) {
      net::ip::tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec) break;
      connections.emplace_back([this, s = std::move(socket)]() mutable { answer(std::move(s)); });
    }
    for (auto& t : connections) t.join();  // the gateway is gone: its connections are closed
  }

  void answer(net::ip::tcp::socket socket) {
    boost::system::error_code ec;
    ssl::stream<net::ip::tcp::socket> stream(std::move(socket), tls_);
    stream.handshake(ssl::stream_base::server, ec);
    if (ec) return;  // the gateway refused our certificate
    if (const char* name = SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name)) {
      std::lock_guard lock(mutex_);
      sni_ = name;
    }
    boost::beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> req;
      http::read(stream, buffer, req, ec);
      if (ec) return;
      http::response<http::string_body> res{http::status::ok, 11};
      res.set(http::field::content_type, "application/json");
      res.body() =
          R"({"id":"chatcmpl-tls","object":"chat.completion","created":1,"model":"m","choices":)"
          R"([{"index":0,"message":{"role":"assistant","content":"over tls"},"finish_reason":)"
          R"("stop"}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}})";
      res.prepare_payload();
      http::write(stream, res, ec);
      if (ec) return;
    }
  }

  net::io_context io_;
  ssl::context tls_;
  net::ip::tcp::acceptor acceptor_{io_};
  std::thread thread_;
  std::mutex mutex_;
  std::string sni_;
};

class UpstreamTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pki = new test_pki;
    pki->issue("localhost", "DNS:localhost,IP:127.0.0.1");
    pki->issue("elsewhere", "DNS:other.example");
    pki->issue("expired", "DNS:localhost,IP:127.0.0.1", -1);
  }
  static void TearDownTestSuite() { delete pki; }

  static std::string model(const std::string& name, const std::string& base,
                           const std::string& extra = "") {
    return "  - name: " + name + "\n    provider: openai\n    api_base: " + base +
           "\n    api_key: k\n" + extra;
  }
  static std::string unverified(const std::string& name, const std::string& base) {
    return model(name, base, "    tls_verify: false\n");
  }
  static std::string trusting_ca() { return "upstream:\n  ca_file: " + pki->path("ca.pem") + "\n"; }
  // One chat through a gateway whose deployment reaches `host` at a TLS server showing
  // certificate `cert`; `extra` is the gateway's extra config (trusting_ca() or nothing).
  static http_reply chat_over(const std::string& cert, const std::string& host,
                              const std::string& extra) {
    tls_upstream upstream(pki->path(cert + ".pem"), pki->path(cert + ".key"));
    auto base = "https://" + host + ":" + std::to_string(upstream.port()) + "/v1";
    gateway_fixture env(model("secure", base), extra);
    return post_json(env.port(), "/v1/chat/completions", chat_body("secure"));
  }
  static test_pki* pki;
};
test_pki* UpstreamTls::pki = nullptr;

TEST_F(UpstreamTls, VerifiedCertificateWithSniServes) {
  tls_upstream upstream(pki->path("localhost.pem"), pki->path("localhost.key"));
  auto base = "https://localhost:" + std::to_string(upstream.port()) + "/v1";
  gateway_fixture env(model("secure", base), trusting_ca());
  auto reply = post_json(env.port(), "/v1/chat/completions", chat_body("secure"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_NE(reply.body.find("over tls"), std::string::npos);
  EXPECT_EQ(upstream.sni(), "localhost");
}

TEST_F(UpstreamTls, IpAddressUpstreamMatchesTheIpSan) {
  tls_upstream upstream(pki->path("localhost.pem"), pki->path("localhost.key"));
  auto base = "https://127.0.0.1:" + std::to_string(upstream.port()) + "/v1";
  gateway_fixture env(model("secure", base), trusting_ca());
  EXPECT_EQ(post_json(env.port(), "/v1/chat/completions", chat_body("secure")).status, 200);
  EXPECT_EQ(upstream.sni(), "") << "no SNI for an IP address";
}

TEST_F(UpstreamTls, UntrustedCertificateIs502) {
  auto reply =
      chat_over("localhost", "localhost", "");  // the system store does not know the test CA
  EXPECT_EQ(reply.status, 502);
  EXPECT_NE(reply.body.find("TLS handshake failed"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("unable to get local issuer certificate"), std::string::npos)
      << reply.body;
}

TEST_F(UpstreamTls, CertificateForAnotherHostIs502) {
  auto reply = chat_over("elsewhere", "localhost", trusting_ca());
  EXPECT_EQ(reply.status, 502);
  EXPECT_NE(reply.body.find("TLS handshake failed"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("hostname mismatch"), std::string::npos) << reply.body;
}

TEST_F(UpstreamTls, CertificateWithoutTheIpAddressIs502) {
  auto reply = chat_over("elsewhere", "127.0.0.1", trusting_ca());
  EXPECT_EQ(reply.status, 502);
  EXPECT_NE(reply.body.find("IP address mismatch"), std::string::npos) << reply.body;
}

TEST_F(UpstreamTls, ExpiredCertificateIs502) {
  auto reply = chat_over("expired", "localhost", trusting_ca());
  EXPECT_EQ(reply.status, 502);
  EXPECT_NE(reply.body.find("TLS handshake failed"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("certificate has expired"), std::string::npos) << reply.body;
}

TEST_F(UpstreamTls, VerificationOffAcceptsAnyCertificateAndIsWarnedAbout) {
  tls_upstream untrusted(pki->path("localhost.pem"), pki->path("localhost.key"));
  tls_upstream expired(pki->path("expired.pem"), pki->path("expired.key"));
  tls_upstream elsewhere(pki->path("elsewhere.pem"), pki->path("elsewhere.key"));
  auto base = [](const tls_upstream& u) {
    return "https://localhost:" + std::to_string(u.port()) + "/v1";
  };
  gateway_fixture env(unverified("untrusted", base(untrusted)) +
                      unverified("expired", base(expired)) +
                      unverified("elsewhere", base(elsewhere)));  // no CA configured at all
  for (const char* name : {"untrusted", "expired", "elsewhere"}) {
    auto reply = post_json(env.port(), "/v1/chat/completions", chat_body(name));
    EXPECT_EQ(reply.status, 200) << name << ": " << reply.body;
  }
  EXPECT_EQ(untrusted.sni(), "localhost") << "SNI is still sent";
  const std::string warning =
      "\"msg\":\"upstream TLS certificate not verified (tls_verify: false)\",\"deployment\":\"";
  const auto log = env.gateway->log_once_it_has(warning + "elsewhere\"");
  for (const std::string name : {"untrusted", "expired", "elsewhere"})
    EXPECT_NE(log.find(warning + name + "\""), std::string::npos) << name << " in\n" << log;
}

TEST_F(UpstreamTls, AVerifiedDeploymentNeverReusesAnUnverifiedConnection) {
  tls_upstream upstream(pki->path("localhost.pem"), pki->path("localhost.key"));
  auto base = "https://localhost:" + std::to_string(upstream.port()) + "/v1";
  // Same host and port; the system store does not know the test CA.
  gateway_fixture env(unverified("lab", base) + model("checked", base));
  // Unverified requests leave a kept-alive connection to that host:port in the pool of each worker
  // they land on; after eight, both workers have one unless the kernel's spread was very lopsided.
  for (int i = 0; i < 8; ++i)
    ASSERT_EQ(post_json(env.port(), "/v1/chat/completions", chat_body("lab")).status, 200);
  for (int i = 0; i < 3; ++i) {
    auto reply = post_json(env.port(), "/v1/chat/completions", chat_body("checked"));
    EXPECT_EQ(reply.status, 502) << "round " << i << ": " << reply.body;
    EXPECT_NE(reply.body.find("TLS handshake failed"), std::string::npos) << reply.body;
  }
  EXPECT_EQ(post_json(env.port(), "/v1/chat/completions", chat_body("lab")).status, 200);
}

}  // namespace
}  // namespace keygate::testing::tls_upstream_test
