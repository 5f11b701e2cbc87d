// OpenAI's tools, tool_choice and response_format as Cohere v2 takes them (docs/cohere.md,
// docs/mapping.md#tool_choice-and-response_format): tools keep their shape (a strict tool turns on
// Cohere's strict_tools); tool_choice "auto" is Cohere's default and is left out, "none" and
// "required" are NONE and REQUIRED, and a named function is REQUIRED with only that tool sent;
// json_schema is Cohere's json_object with its json_schema. What has no Cohere form is a 400.
#pragma once

#include <boost/json/object.hpp>
#include <optional>

#include "gateway/base/openai_error.hpp"

namespace keygate::cohere {

// Adds "tools", "strict_tools", "tool_choice" and "response_format" to `body` when the request
// asks for them.
std::optional<openai_error> add_tool_options(const boost::json::object& request,
                                             boost::json::object& body);

}  // namespace keygate::cohere
