// OpenAI message contents as Gemini parts
// (docs/gemini.md#request-request_bodycpp-contents_listcpp-content_partscpp-tool_configcpp,
// docs/mapping.md#images): text parts, and images from data URLs as inlineData. http(s) image URLs
// need a download first, which is not built yet.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <variant>

#include "gateway/base/openai_error.hpp"

namespace keygate::gemini {

// `where` names the message in errors, e.g. "messages[2]".
using parts_or_error = std::variant<boost::json::array, openai_error>;

// A string, null, or text parts (and refusal parts for an assistant) as {text} parts; empty texts
// are left out.
parts_or_error text_parts(const boost::json::value& content, const std::string& where);
// A user content: text and image parts.
parts_or_error user_parts(const boost::json::value& content, const std::string& where);
// The texts of a content joined by `separator`, for system instructions and tool results.
std::variant<std::string, openai_error> joined_text(const boost::json::value& content,
                                                    const std::string& where,
                                                    std::string_view separator);

}  // namespace keygate::gemini
