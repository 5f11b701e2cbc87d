// OpenAI embeddings ⇄ Mistral's POST /v1/embeddings (docs/mistral.md): the same shape, with
// `dimensions` as `output_dimension`. keygate always asks for floats (Mistral documents its answer
// as float lists) and writes base64 itself when the client wants it.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gateway/engine/translator.hpp"

namespace keygate::mistral {

struct embeddings_body {
  std::string body;
  std::vector<std::string> dropped;
};

// The native body, or the 400 for an input Mistral cannot embed (token arrays).
std::variant<embeddings_body, openai_error> build_embeddings_body(
    const boost::json::object& request, std::string_view model);

std::variant<openai_answer, openai_error> embeddings_answer(std::string_view native_body,
                                                            const embeddings_request& view,
                                                            std::string_view model);

}  // namespace keygate::mistral
