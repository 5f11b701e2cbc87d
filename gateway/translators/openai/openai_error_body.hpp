// Reads an OpenAI-compatible upstream's error body into the error the client gets.
#pragma once

#include <string_view>

#include "gateway/base/openai_error.hpp"

namespace keygate::openai {

// Keeps the upstream's message, type, param and code when the body has them; the status follows
// docs/mapping.md#errors.
openai_error error_from_upstream(int upstream_status, std::string_view body);

}  // namespace keygate::openai
