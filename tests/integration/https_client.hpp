// An HTTPS client for tests against a keygate listening with TLS: it trusts only the given CA
// file, checks the host name 127.0.0.1, and tells which certificate the server presented.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "harness.hpp"

namespace keygate::testing {

class https_client {
 public:
  https_client(unsigned short port, const std::string& ca_file);
  ~https_client();
  // False when the TCP connection or the TLS handshake fails (then `error` says why).
  bool connect();
  // One request on the open connection (keep-alive); status 0 when it fails.
  http_reply call(const std::string& method, const std::string& target,
                  const std::string& body = "",
                  const std::map<std::string, std::string>& headers = {});
  // SHA-256 fingerprint of the server's certificate, "AB:CD:..." as openssl x509 prints it.
  std::string peer_fingerprint() const;
  const std::string& error() const { return error_; }

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  std::string error_;
};

// One request on a fresh connection.
http_reply https_call(unsigned short port, const std::string& ca_file, const std::string& method,
                      const std::string& target, const std::string& body = "",
                      const std::map<std::string, std::string>& headers = {});

// The SHA-256 fingerprint of a PEM certificate file, as `openssl x509 -fingerprint` prints it.
std::string file_fingerprint(const std::string& cert_file);

// Writes a self-signed certificate for 127.0.0.1 and localhost, with its key, in `dir`.
void make_self_signed(const temp_dir& dir, const std::string& cert_name,
                      const std::string& key_name);

}  // namespace keygate::testing
