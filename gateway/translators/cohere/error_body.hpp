// Cohere's error bodies as OpenAI errors (docs/cohere.md, docs/mapping.md#errors). Cohere writes
// {"id","message"} (or just {"message"}); the status carries the kind: 498 (invalid token) becomes
// 401, 499 (the request was cancelled) 502, 422 a 400.
#pragma once

#include <string_view>

#include "gateway/base/openai_error.hpp"

namespace keygate::cohere {

openai_error error_from_response(int upstream_status, std::string_view body);

}  // namespace keygate::cohere
