// A whole Cohere v2 chat response as OpenAI's chat.completion: text items joined (thinking items
// as reasoning_content on reasoning deployments, else left out), tool-call ids kept, tool_plan
// and citations left out, finish reasons mapped, usage.tokens read.
#pragma once

#include <string_view>
#include <variant>

#include "gateway/base/openai_error.hpp"
#include "gateway/engine/translator.hpp"

namespace keygate::cohere {

// `model` names the answer (Cohere's has no model); `reasoning` keeps thinking items.
std::variant<openai_answer, openai_error> parse_response(std::string_view native_body,
                                                         std::string_view model, bool reasoning);

}  // namespace keygate::cohere
