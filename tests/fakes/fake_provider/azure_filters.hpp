// Azure OpenAI's content filter annotations (docs/passthrough.md#azure-openai):
// prompt_filter_results on a whole answer and in a first stream chunk with no choices,
// content_filter_results on each choice.
#pragma once

#include <string>
#include <string_view>

namespace fake {

// The chunk Azure streams first: `choices: []`, no usage, only the prompt's filter results.
std::string prompt_filter_event();
// A whole chat.completion with Azure's filter results added.
std::string with_content_filters(std::string_view completion);

}  // namespace fake
