// Reads the "usage" object of an OpenAI chat.completion or chunk.
#pragma once

#include <string>
#include <string_view>

#include "gateway/base/usage.hpp"

namespace keygate::openai {

// Validates a whole JSON document and reads its usage, if it has one. Returns false when the
// document is not valid JSON or not an object. `json` may be grown for the parser's padding.
bool read_usage(std::string& json, token_usage& out);
// The same for bytes the caller cannot grow; they are copied into padded scratch space.
bool read_usage_copy(std::string_view json, token_usage& out);

}  // namespace keygate::openai
