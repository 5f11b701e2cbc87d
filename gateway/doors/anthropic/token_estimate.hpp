// An estimate of a request's input tokens, for POST /v1/messages/count_tokens on models that no
// Anthropic deployment serves (docs/front-doors.md#counting-tokens).
#pragma once

#include <cstdint>
#include <string_view>

namespace keygate::doors::anthropic {

// From the canonical (OpenAI chat) body: about four characters a token over every text, tool call
// and tool definition, 4 tokens for each message, 1,600 for each image; at least 1.
std::int64_t estimate_input_tokens(std::string_view canonical);

}  // namespace keygate::doors::anthropic
