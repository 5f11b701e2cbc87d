// The shared JSON readers, and the unsupported-parameter error, under the Gemini translator's
// namespace.
#pragma once

#include "gateway/canonical/content_walk.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::gemini {

using json_fields::count_at;
using json_fields::find;
using json_fields::is_true;
using json_fields::number;
using json_fields::object_at;
using json_fields::positive_integer;
using json_fields::string_at;
// A 400 for an OpenAI field this provider cannot honour (docs/mapping.md#unsupported-parameters).
using openai::unsupported;

}  // namespace keygate::gemini
