// The Response object of OpenAI's Responses API, built from what keygate knows of an answer: the
// request's settings it repeats, the output items and the usage.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/base/openai_error.hpp"
#include "gateway/base/usage.hpp"
#include "gateway/doors/common/canonical_answer.hpp"

namespace keygate::doors::responses {

// What stays the same for one response from its start to its end.
struct response_frame {
  std::string id;  // resp_...
  std::int64_t created_at = 0;
  boost::json::object echo;  // the request's settings (responses_request.hpp)
};

boost::json::object usage_json(const token_usage& usage);

// `status`: in_progress, completed, incomplete or failed. `finish_reason` (canonical) gives
// incomplete_details; `error` a failed response's error.
boost::json::object response_json(const response_frame& frame, std::string_view model,
                                  std::string_view status, boost::json::array output,
                                  const token_usage* usage, std::string_view finish_reason = {},
                                  const openai_error* error = nullptr);

// "completed", or "incomplete" when the answer was cut (length, content filter).
std::string_view status_for(std::string_view finish_reason);

// The output items of a whole canonical answer: reasoning, message, function calls.
boost::json::array output_items(const canonical_message& answer);

}  // namespace keygate::doors::responses
