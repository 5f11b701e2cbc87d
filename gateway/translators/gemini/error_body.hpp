// Google API errors, {"error":{"code","message","status","details"}}, as OpenAI errors
// (docs/gemini.md#errors-error_bodycpp, docs/mapping.md#errors).
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <optional>
#include <string_view>

#include "gateway/base/openai_error.hpp"

namespace keygate::gemini {

// A whole error response. The status follows docs/mapping.md#errors, except that a bad API key (400
// API_KEY_INVALID) becomes 401; the body's status and reason refine the OpenAI type and code.
openai_error error_from_response(int upstream_status, std::string_view body);
// The "error" object of a stream chunk.
openai_error error_from_object(const boost::json::object& error);
// RetryInfo.retryDelay ("17s") from the body's details, when there is one.
std::optional<std::chrono::milliseconds> retry_delay(std::string_view body);

}  // namespace keygate::gemini
