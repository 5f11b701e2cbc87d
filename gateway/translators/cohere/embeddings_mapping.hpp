// OpenAI embeddings ⇄ Cohere's POST /v2/embed (docs/cohere.md): the inputs go as `texts` with
// input_type "search_document" (Cohere's embedding models require one; a client may pick another
// with Cohere's own `input_type`), `dimensions` as `output_dimension`, and embedding_types
// ["float"]: keygate writes base64 itself when the client wants it. The prompt tokens are
// meta.billed_units.input_tokens.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gateway/engine/translator.hpp"

namespace keygate::cohere {

struct embeddings_body {
  std::string body;
  std::vector<std::string> dropped;
};

// The native body, or the 400 for an input Cohere cannot embed (token arrays).
std::variant<embeddings_body, openai_error> build_embeddings_body(
    const boost::json::object& request, std::string_view model);

std::variant<openai_answer, openai_error> embeddings_answer(std::string_view native_body,
                                                            const embeddings_request& view,
                                                            std::string_view model);

}  // namespace keygate::cohere
