// A Converse response (a whole, non-streamed answer) as an OpenAI chat.completion.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "gateway/base/openai_error.hpp"
#include "gateway/engine/translator.hpp"

namespace keygate::bedrock {

// `json_response`: the request forced the json_response tool, whose input is the answer's content.
// `reasoning`: reasoning blocks become the message's reasoning_content (else they are dropped).
// Converse answers carry no model name and no id: `model` names the answer.
std::variant<openai_answer, openai_error> parse_converse(std::string_view native_body,
                                                         bool json_response, bool reasoning,
                                                         const std::string& model);

}  // namespace keygate::bedrock
