// An Anthropic Messages request read into the canonical request: an OpenAI chat body that every
// provider takes (docs/front-doors.md#anthropic-messages has the table).
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "gateway/base/openai_error.hpp"

namespace keygate::doors::anthropic {

// The canonical (OpenAI chat completions) body, or the 400 that says what is wrong with the
// request. Streams ask for the usage chunk, which the answer's message_delta needs.
std::variant<std::string, openai_error> canonical_from_messages(std::string_view body);

}  // namespace keygate::doors::anthropic
