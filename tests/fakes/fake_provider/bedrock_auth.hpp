// How the fake Bedrock authenticates a request, the way AWS does: a SigV4 signature is recomputed
// from the request with the fake's own copy of the secret, and must match and be recent; a Bedrock
// API key is any bearer but "bad-key", as for the fake's other APIs. The SigV4 keys are AWS's
// documented example keys (docs/fake-provider.md).
#pragma once

#include <optional>
#include <string>

#include "gateway/http/exchange.hpp"

namespace fake {

inline constexpr std::string_view bedrock_access_key_id = "AKIDEXAMPLE";
inline constexpr std::string_view bedrock_secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

struct bedrock_auth_failure {
  int status;
  std::string error_type;  // x-amzn-ErrorType
  std::string message;
};

std::optional<bedrock_auth_failure> check_bedrock_auth(const keygate::http_request& request);

}  // namespace fake
