// The input item and tool types of OpenAI's Responses API that only OpenAI's own servers (or the
// client itself) handle: hosted tools' calls and outputs, item references, custom and shell tools.
// Such an item or tool is left out of translated attempts and named; a type the API does not
// define is a client's mistake, refused with a 400.
#pragma once

#include <string_view>

namespace keygate::doors::responses {

// An item type other than message, function_call, function_call_output and reasoning that the
// Responses API defines.
bool openai_only_item_type(std::string_view type);

// A tool type other than function that the Responses API defines (dated web search versions too).
bool openai_only_tool_type(std::string_view type);

}  // namespace keygate::doors::responses
