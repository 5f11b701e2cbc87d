// OpenAI message contents as Anthropic content blocks
// (docs/anthropic.md#request-request_bodycpp-message_listcpp-content_blockscpp-tool_optionscpp,
// docs/mapping.md#images).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "gateway/base/openai_error.hpp"
#include "gateway/canonical/content_walk.hpp"

namespace keygate::anthropic {

// `where` names the message in errors, e.g. "messages[2]".
using blocks_or_error = std::variant<boost::json::array, openai_error>;

// A string, null, or text parts (and refusal parts for an assistant) as text blocks. Empty texts
// are left out: Anthropic rejects empty text blocks.
blocks_or_error text_blocks(const boost::json::value& content, const std::string& where);
// A user content: text and image parts.
blocks_or_error user_blocks(const boost::json::value& content, const std::string& where);
// A tool message's content as one string (text parts joined).
std::variant<std::string, openai_error> tool_result_text(const boost::json::value& content,
                                                         const std::string& where);

// Tool-use ids Anthropic accepts: characters outside [a-zA-Z0-9_-] become '_'.
std::string sanitize_tool_id(std::string_view id);

using openai::unsupported;

}  // namespace keygate::anthropic
