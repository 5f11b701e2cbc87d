// Authenticates a Bedrock request: a Bedrock API key as a bearer token, or else a SigV4 signature
// over the final target, host and body, made at `now` (each attempt signs afresh).
#pragma once

#include <chrono>

#include "gateway/config/config.hpp"
#include "gateway/upstream/upstream_client.hpp"

namespace keygate::bedrock {

// SigV4's service name for the bedrock-runtime endpoints.
inline constexpr std::string_view signing_service = "bedrock";

void authenticate(upstream_request& request, const deployment& target,
                  std::chrono::system_clock::time_point now);

}  // namespace keygate::bedrock
