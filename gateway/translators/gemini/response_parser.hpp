// A Gemini GenerateContentResponse (a whole, non-streamed answer) as an OpenAI chat.completion,
// one choice per candidate.
#pragma once

#include <string_view>
#include <variant>

#include "gateway/base/openai_error.hpp"
#include "gateway/engine/translator.hpp"

namespace keygate::gemini {

// `model` names the answer when the response has no modelVersion; `reasoning` keeps thought parts
// as reasoning_content (else they are dropped).
std::variant<openai_answer, openai_error> parse_response(std::string_view native_body,
                                                         std::string_view model, bool reasoning);

// Whether a parsed JSON object looks like a GenerateContentResponse (or a Google error).
bool is_gemini_response(const boost::json::object& response);

}  // namespace keygate::gemini
