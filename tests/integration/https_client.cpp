#include "https_client.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <stdexcept>

#include "beast_reply.hpp"

namespace keygate::testing {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace http = boost::beast::http;

struct https_client::impl {
  net::io_context io;
  ssl::context context{ssl::context::tls_client};
  std::unique_ptr<ssl::stream<net::ip::tcp::socket>> stream;
  boost::beast::flat_buffer buffer;
  unsigned short port = 0;
};

https_client::https_client(unsigned short port, const std::string& ca_file)
    : impl_(std::make_unique<impl>()) {
  impl_->port = port;
  impl_->context.load_verify_file(ca_file);
  impl_->context.set_verify_mode(ssl::verify_peer);
}

https_client::~https_client() = default;

bool https_client::connect() {
  auto& s = *impl_;
  s.buffer.clear();
  s.stream = std::make_unique<ssl::stream<net::ip::tcp::socket>>(s.io, s.context);
  s.stream->set_verify_callback(ssl::host_name_verification("127.0.0.1"));
  boost::system::error_code ec;
  s.stream->next_layer().connect({net::ip::make_address("127.0.0.1"), s.port}, ec);
  if (!ec) s.stream->handshake(ssl::stream_base::client, ec);
  error_ = ec ? ec.message() : "";
  return !ec;
}

http_reply https_client::call(const std::string& method, const std::string& target,
                              const std::string& body,
                              const std::map<std::string, std::string>& headers) {
  http_reply reply;
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  boost::system::error_code ec;
  http::write(*impl_->stream, req, ec);
  if (ec) return reply;
  http::response_parser<http::string_body> parser;
  http::read(*impl_->stream, impl_->buffer, parser, ec);
  if (ec) return reply;
  return reply_from(parser.get());
}

std::string https_client::peer_fingerprint() const {
  X509* cert = SSL_get1_peer_certificate(impl_->stream->native_handle());
  if (!cert) return "";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  X509_digest(cert, EVP_sha256(), digest, &size);
  X509_free(cert);
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned i = 0; i < size; ++i) {
    if (i) out += ':';
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

http_reply https_call(unsigned short port, const std::string& ca_file, const std::string& method,
                      const std::string& target, const std::string& body,
                      const std::map<std::string, std::string>& headers) {
  https_client client(port, ca_file);
  if (!client.connect()) return {};
  return client.call(method, target, body, headers);
}

std::string file_fingerprint(const std::string& cert_file) {
  std::string output;
  run_command("openssl x509 -noout -fingerprint -sha256 -in " + cert_file, output);
  auto eq = output.find('=');
  if (eq == std::string::npos) return "";
  auto value = output.substr(eq + 1);
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
  return value;
}

void make_self_signed(const temp_dir& dir, const std::string& cert_name,
                      const std::string& key_name) {
  std::string output;
  const auto command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
      "-subj /CN=keygate-test -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout " +
      dir.path() + "/" + key_name + " -out " + dir.path() + "/" + cert_name;
  if (run_command(command, output) != 0) throw std::runtime_error("openssl req failed: " + output);
}

}  // namespace keygate::testing
