// AWS Signature Version 4 (docs/bedrock.md#signing-request_signingcpp-sigv4cpp): the canonical
// request, the string to sign and the Authorization header, with OpenSSL's SHA-256 and HMAC. The
// fake provider verifies with the same steps, so each step is a function of its own.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace keygate::aws {

struct credentials {
  std::string access_key_id;
  std::string secret_access_key;  // a secret
  std::string session_token;      // temporary credentials only; a secret
};

// What a signature covers. `path` is the path as it goes on the wire (already percent-encoded for
// Bedrock's model ids); `query` is the raw query string without '?'. Header names in any case.
struct request_parts {
  std::string_view method;
  std::string_view path;
  std::string_view query;
  std::vector<std::pair<std::string, std::string>> headers;  // the ones to sign
  std::string_view body;
};

std::string hex(std::string_view bytes);
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw bytes

// "%XY" for every byte outside A-Za-z0-9-_.~ (and outside '/' when `keep_slash`).
std::string uri_encode(std::string_view text, bool keep_slash);

// "20150830T123600Z" and its date part "20150830".
std::string amz_date(std::chrono::system_clock::time_point when);

// Lowercase, sorted header names joined by ';'.
std::string signed_headers(const request_parts& request);
std::string canonical_request(const request_parts& request);
std::string credential_scope(std::string_view date, std::string_view region,
                             std::string_view service);
std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical);
std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service);

struct signature {
  std::string canonical;       // the canonical request, for tests and the fake's diagnostics
  std::string string_to_sign;  // likewise
  std::string value;           // lowercase hex
  std::string authorization;   // the header value
};

// Signs `request`, whose headers must already hold host and x-amz-date (and
// x-amz-security-token when the credentials are temporary).
signature sign(const request_parts& request, const credentials& keys, std::string_view amz_date,
               std::string_view region, std::string_view service);

}  // namespace keygate::aws
