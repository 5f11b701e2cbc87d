// Tool-call ids on the way to Mistral and back
// (docs/mapping.md#tool-calls-ids-tool-messages-arguments). Mistral takes only ids of nine ASCII
// letters and digits; any other id is mapped to one deterministically, so an assistant
// tool_calls[].id and the tool message answering it agree without stored state.
#pragma once

#include <string>
#include <string_view>

namespace keygate::mistral {

// Whether `id` already matches ^[a-zA-Z0-9]{9}$.
bool is_mistral_call_id(std::string_view id);
// `id` unchanged when Mistral takes it as it is; otherwise the 9 lowest base-62 digits of its
// SHA-256 digest.
std::string mistral_call_id(std::string_view id);
// "call_" + 24 random letters and digits, for a call Mistral sent without an id.
std::string synthesized_call_id();

}  // namespace keygate::mistral
