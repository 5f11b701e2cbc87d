#include "gateway/upstream/tls_peer_name.hpp"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <boost/asio/ip/address.hpp>

namespace keygate {

bool expect_peer_name(SSL* ssl, const std::string& host) {
  boost::system::error_code not_an_address;
  boost::asio::ip::make_address(host, not_an_address);
  if (!not_an_address) return X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str()) == 1;
  return SSL_set_tlsext_host_name(ssl, host.c_str()) == 1 && SSL_set1_host(ssl, host.c_str()) == 1;
}

std::string certificate_refusal(const SSL* ssl) {
  // Unverified (tls_verify: false): whatever the check found was not why the handshake failed.
  if ((SSL_get_verify_mode(ssl) & SSL_VERIFY_PEER) == 0) return "";
  const long verify = SSL_get_verify_result(ssl);
  if (verify == X509_V_OK) return "";
  return std::string(": ") + X509_verify_cert_error_string(verify);
}

}  // namespace keygate
