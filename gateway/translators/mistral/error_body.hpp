// Mistral's error bodies as OpenAI errors (docs/mistral.md, docs/mapping.md#errors). Mistral writes
// {"object":"error","message","type","param","code"}, where a 422's message is pydantic's
// {"detail":[{type,loc,msg}]}; some gateways in front of it answer {"message"} or {"detail"}.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "gateway/base/openai_error.hpp"

namespace keygate::mistral {

// A whole error response: the status kept (422 becomes 400), the body's words and kind carried.
openai_error error_from_response(int upstream_status, std::string_view body);
// An error object met inside a 200 stream.
openai_error error_from_event(const boost::json::object& error);

}  // namespace keygate::mistral
