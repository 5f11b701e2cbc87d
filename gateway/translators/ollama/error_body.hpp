// Ollama's errors, {"error":"<message>"} (docs/ollama.md, docs/mapping.md#errors), as OpenAI
// errors.
#pragma once

#include <string_view>

#include "gateway/base/openai_error.hpp"

namespace keygate::ollama {

// A whole error response: the status follows docs/mapping.md#errors and the message is Ollama's; a
// model that cannot do what the request asks (tools, thinking, images) is the client's 400.
openai_error error_from_response(int upstream_status, std::string_view body);
// An {"error":...} line inside a 200 stream. It carries no status: a server error, unless its
// message says more.
openai_error error_from_message(std::string_view message);

}  // namespace keygate::ollama
