// Anthropic's stop reasons and usage in OpenAI's terms (docs/mapping.md#finish-reasons,
// docs/mapping.md#usage).
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "gateway/base/usage.hpp"

namespace keygate::anthropic {

// "stop", "length", "tool_calls" or "content_filter"; unknown reasons become "stop".
std::string_view finish_reason_for(std::string_view stop_reason);

// Reads the counts a usage object carries into `usage`, leaving the others as they are: a stream
// reports input at message_start and cumulative output in each message_delta.
void read_usage(const boost::json::object& native, token_usage& usage);

}  // namespace keygate::anthropic
