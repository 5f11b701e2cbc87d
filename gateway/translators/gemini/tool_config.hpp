// OpenAI's tools, tool_choice and response_format as Gemini's tools, toolConfig and
// generationConfig response fields (docs/mapping.md#tool_choice-and-response_format).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "gateway/base/openai_error.hpp"

namespace keygate::gemini {

// Adds "tools" and "toolConfig" to `native`; fields left out are added to `dropped`.
std::optional<openai_error> add_tools(const boost::json::object& request,
                                      boost::json::object& native,
                                      std::vector<std::string>& dropped);

// Adds responseMimeType (and responseJsonSchema) to `generation_config` for a JSON
// response_format.
std::optional<openai_error> add_response_format(const boost::json::object& request,
                                                boost::json::object& generation_config);

}  // namespace keygate::gemini
