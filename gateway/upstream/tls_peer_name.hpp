// The certificate checks every TLS client of keygate asks of OpenSSL: the upstream client, the
// image fetcher and the keys command. OpenSSL's own name check (not a verify callback) is used so
// that a failed handshake can say which check failed.
#pragma once

#include <openssl/types.h>

#include <string>

namespace keygate {

// Before the handshake: sends `host` as SNI when it is a name, and asks OpenSSL to check that the
// peer's certificate names `host` (a DNS name, or an IP address for an address). False when
// OpenSSL refuses either setting.
bool expect_peer_name(SSL* ssl, const std::string& host);

// After a failed handshake: ": " and why the certificate was refused ("certificate has expired",
// "hostname mismatch"...), or "" when the certificate was not the problem or was not checked.
std::string certificate_refusal(const SSL* ssl);

}  // namespace keygate
