// An Anthropic Messages request read into the canonical request: an OpenAI chat body that every
// provider takes (docs/front-doors.md#anthropic-messages has the table). What the canonical form
// cannot carry (document blocks it cannot turn into text, server tools, top_k, ...) is left out
// and named: a translated attempt drops it, a native one sends the client's bytes with all of it.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gateway/base/openai_error.hpp"

namespace keygate::doors::anthropic {

struct messages_reading {
  std::string model;                 // as the client named it
  std::string canonical;             // the OpenAI chat body
  std::vector<std::string> dropped;  // what it leaves out: "top_k", "tools.3:web_search_20250305"
};

// What the body must hold: a Messages request needs max_tokens, a count_tokens request has none.
enum class messages_body { create, count_tokens };

// The canonical body, or the 400 that says what is wrong with the request. Streams ask for the
// usage chunk, which the answer's message_delta needs.
std::variant<messages_reading, openai_error> read_messages_request(
    std::string_view body, messages_body kind = messages_body::create);

}  // namespace keygate::doors::anthropic
