// An OpenAI Responses request read into the canonical request (an OpenAI chat body), and the
// parts of it a Response object echoes (docs/front-doors.md#openai-responses).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <variant>
#include <vector>

#include "gateway/base/openai_error.hpp"

namespace keygate::doors::responses {

struct responses_reading {
  std::string canonical;            // the OpenAI chat body
  boost::json::array input;         // this request's input items, each with its type and an id
  boost::json::array conversation;  // the history it continues, then `input`
  boost::json::object echo;         // the request's settings, as the Response object repeats them
  bool store = true;
  bool stream = false;
  // What the canonical request leaves out, named as x-keygate-dropped-params names it: tools no
  // other provider can run ("tools[4]:namespace"), items only OpenAI knows ("input[2]:
  // item_reference"), files by id, background. A native attempt on OpenAI sends all of it.
  std::vector<std::string> dropped;
};

// `history`: the items of the response it continues (its conversation, then its output), empty
// for a new conversation.
std::variant<responses_reading, openai_error> read_responses_request(
    const boost::json::object& request, boost::json::array history);

// The items a conversation holds as canonical chat messages; `first_own` is the index of the
// first item of the request's own input (errors are named by their place in `input`). What they
// cannot hold is named in `dropped`.
std::variant<boost::json::array, openai_error> messages_of(const boost::json::array& items,
                                                           std::size_t first_own,
                                                           std::vector<std::string>& dropped);

}  // namespace keygate::doors::responses
