// OpenAI embeddings ⇄ Gemini batchEmbedContents (docs/gemini.md): the request becomes
// {"requests":[{"model":"models/M","content":{"parts":[{"text":...}]},"outputDimensionality"?:N}]},
// and {"embeddings":[{"values":[...]}]} comes back as OpenAI's list, in float or base64.
// Gemini reports no usage: prompt tokens are estimated as the inputs' words (usage.known false).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gateway/engine/translator.hpp"

namespace keygate::gemini {

// The native body, or the 400 for an input Gemini cannot embed (token arrays).
std::variant<std::string, openai_error> embeddings_body(const boost::json::object& request,
                                                        std::string_view model);

// The request's fields Gemini has no place for (user, unknown ones), in the request's order.
std::vector<std::string> dropped_embeddings_fields(const boost::json::object& request);

std::variant<openai_answer, openai_error> embeddings_answer(std::string_view native_body,
                                                            const embeddings_request& view,
                                                            std::string_view model);

}  // namespace keygate::gemini
