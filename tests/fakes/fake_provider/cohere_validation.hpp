// What the fake's Cohere refuses before it answers, so tests prove keygate never sends it: fields
// outside Cohere v2's chat and embed requests (OpenAI's own, such as top_p, stop, n or user),
// message roles and fields Cohere does not have, tool_choice and response_format values it does
// not know, and embed requests without texts or input_type. Each is a 400 with Cohere's
// {"id","message"} body; the message says what was wrong.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>

namespace fake {

std::optional<std::string> check_cohere_chat(const boost::json::value& body);
std::optional<std::string> check_cohere_embed(const boost::json::value& body);

}  // namespace fake
