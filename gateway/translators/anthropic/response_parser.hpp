// An Anthropic message (a whole, non-streamed answer) as an OpenAI chat.completion.
#pragma once

#include <string_view>
#include <variant>

#include "gateway/base/openai_error.hpp"
#include "gateway/engine/translator.hpp"

namespace keygate::anthropic {

// `json_response`: the request forced the json_response tool, whose input is the answer's content.
// `reasoning`: thinking blocks become the message's reasoning_content (else they are dropped).
std::variant<openai_answer, openai_error> parse_message(std::string_view native_body,
                                                        bool json_response, bool reasoning);

}  // namespace keygate::anthropic
