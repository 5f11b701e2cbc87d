// A whole Mistral chat completion as OpenAI's: content chunks flattened (thinking chunks as
// reasoning_content on reasoning deployments, else left out), tool-call ids kept, finish reasons
// mapped, usage read.
#pragma once

#include <string_view>
#include <variant>

#include "gateway/base/openai_error.hpp"
#include "gateway/engine/translator.hpp"

namespace keygate::mistral {

// `model` names the answer when Mistral's has none; `reasoning` keeps thinking chunks.
std::variant<openai_answer, openai_error> parse_response(std::string_view native_body,
                                                         std::string_view model, bool reasoning);

}  // namespace keygate::mistral
