// The client's chat request, parsed once: the fields the gateway itself needs, and where they sit
// in the original bytes so a passthrough can rewrite them without re-serializing the rest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/base/openai_error.hpp"

namespace keygate {

struct byte_span {
  std::size_t offset = 0;
  std::size_t length = 0;
};

struct canonical_request {
  std::string_view body;  // the client's bytes, unchanged
  std::string model;
  bool stream = false;
  bool include_usage = false;               // the client asked for the usage chunk
  std::optional<std::int64_t> max_tokens;   // max_completion_tokens, else max_tokens
  std::optional<double> temperature;        // absent: the provider's default
  std::string user;                         // OpenAI's end-user id; "" when not given
  byte_span model_value;                    // the JSON string token, quotes included
  std::optional<byte_span> stream_options;  // the whole object
  std::size_t object_start = 0;             // offset of the opening brace
};

// Validates the request's shape and fills `out`; the body must stay alive and unchanged while `out`
// is used. `body` gets spare capacity for the parser's padding.
std::optional<openai_error> parse_chat_request(std::string& body, canonical_request& out);

}  // namespace keygate
