// OpenAI's tools, tool_choice and response_format as Mistral takes them
// (docs/mapping.md#tool_choice-and-response_format): the same shapes, rebuilt from the fields
// Mistral knows so nothing unknown reaches it; what has no Mistral form is a 400.
#pragma once

#include <boost/json/object.hpp>
#include <optional>

#include "gateway/base/openai_error.hpp"

namespace keygate::mistral {

// Adds "tools", "tool_choice" and "response_format" to `body` when the request has them.
std::optional<openai_error> add_tool_options(const boost::json::object& request,
                                             boost::json::object& body);

}  // namespace keygate::mistral
