// Reads the "usage" object of an OpenAI chat.completion or chunk.
#pragma once

#include <string_view>

#include "gateway/base/usage.hpp"

namespace keygate::openai {

// Reads the document's top-level usage, if it has one (a "usage" inside a string or a nested
// object does not count), by one structural pass (gateway/base/json_members.hpp): no DOM is
// built. Returns false when the document is not one JSON object as that pass checks it (cut,
// unbalanced, something after it); `out` is then left alone.
bool read_usage(std::string_view json, token_usage& out);

// The same for a whole answer, which goes to the client as it is: the document is validated whole
// (simdjson's DOM parser), so that an answer that is not JSON (a stray control character in a
// string, a misspelled literal) is refused, not passed on. Pads `json` for the parser.
bool read_answer_usage(std::string& json, token_usage& out);

}  // namespace keygate::openai
