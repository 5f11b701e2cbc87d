// OpenAI message contents as Bedrock Converse content blocks
// (docs/bedrock.md#request-request_bodycpp-message_listcpp-content_blockscpp-tool_optionscpp,
// docs/mapping.md#images): one-key objects such as {"text":…} and
// {"image":{"format","source":{"bytes"}}}.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "gateway/base/openai_error.hpp"

namespace keygate::bedrock {

using blocks_or_error = std::variant<boost::json::array, openai_error>;

// A string, null, or text parts as text blocks; empty texts are left out (Bedrock rejects them).
blocks_or_error text_blocks(const boost::json::value& content, const std::string& where);
// A user content: text and images. Images must be data URLs by now: the gateway downloads http(s)
// URLs before build() because this provider takes only bytes.
blocks_or_error user_blocks(const boost::json::value& content, const std::string& where);
// The text blocks' texts, joined.
std::string joined_text(const boost::json::array& blocks);

// Tool-use ids Bedrock accepts: [a-zA-Z0-9_-], at most 64 characters.
std::string sanitize_tool_id(std::string_view id);

}  // namespace keygate::bedrock
