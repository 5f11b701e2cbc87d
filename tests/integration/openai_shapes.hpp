// Reading OpenAI's shapes out of replies, for the provider tests.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "harness.hpp"

namespace keygate::testing {

// A function tool the fakes answer with a get_weather call.
extern const std::string weather_tool;

// POSTs a chat completion, expects 200, returns the parsed answer.
boost::json::object post_ok(unsigned short port, const std::string& body);
// The error object of an OpenAI error reply, checking all four keys are there.
boost::json::object error_of(const http_reply& reply);
// The chunks of a streamed reply, [DONE] left out.
std::vector<boost::json::object> chunks_of(const http_reply& reply);

}  // namespace keygate::testing
