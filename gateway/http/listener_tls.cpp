#include "gateway/http/listener_tls.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <stdexcept>

namespace keygate {

namespace {

std::string openssl_reason(const boost::system::system_error& e) {
  auto reason = e.code().message();
  return reason.empty() ? "unreadable" : reason;
}

}  // namespace

tls_context_ptr make_listener_tls_context(const listener_tls& files) {
  if (!files.enabled()) return nullptr;
  auto context = std::make_shared<net::ssl::context>(net::ssl::context::tls_server);
  context->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                       net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                       net::ssl::context::no_tlsv1_1 | net::ssl::context::single_dh_use);
  try {
    context->use_certificate_chain_file(files.cert_file);
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("server.tls.cert_file: " + files.cert_file +
                             ": not a usable PEM certificate chain (" + openssl_reason(e) + ")");
  }
  try {
    context->use_private_key_file(files.key_file, net::ssl::context::pem);
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("server.tls.key_file: " + files.key_file +
                             ": not a usable PEM private key for the certificate (" +
                             openssl_reason(e) + ")");
  }
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    ERR_clear_error();
    throw std::runtime_error("server.tls.key_file: " + files.key_file +
                             ": does not match the certificate in " + files.cert_file);
  }
  return context;
}

}  // namespace keygate
