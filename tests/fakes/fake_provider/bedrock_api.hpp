// Bedrock's Converse and ConverseStream (POST /model/{modelId}/converse and /converse-stream),
// SigV4-verified, with deterministic answers and the fault knobs (docs/fake-provider.md).
#pragma once

#include <string_view>

#include "gateway/http/exchange.hpp"

namespace fake {

bool is_bedrock_path(std::string_view path);
keygate::task<void> bedrock_converse(keygate::exchange& ex);

}  // namespace fake
