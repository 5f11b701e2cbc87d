// An Ollama /api/chat answer to stream:false (the final done:true object with the whole message)
// as an OpenAI chat.completion.
#pragma once

#include <string_view>
#include <variant>

#include "gateway/base/openai_error.hpp"
#include "gateway/engine/translator.hpp"

namespace keygate::ollama {

// `model` names the answer when it has no "model"; `reasoning` keeps the model's thinking as
// reasoning_content (else it is dropped).
std::variant<openai_answer, openai_error> parse_response(std::string_view native_body,
                                                         std::string_view model, bool reasoning);

}  // namespace keygate::ollama
