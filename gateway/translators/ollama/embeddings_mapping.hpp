// OpenAI embeddings ⇄ Ollama POST /api/embed: the request becomes {model, input: string|[string]}
// (dimensions carried over), and {embeddings:[[...]], prompt_eval_count} comes back as OpenAI's
// list, in float or base64 (encoded by keygate), with prompt_eval_count as the usage.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "gateway/engine/translator.hpp"

namespace keygate::ollama {

struct embed_body {
  std::string body;
  std::vector<std::string> dropped;
};

// The native body, or the 400 for an input Ollama cannot embed (token arrays).
std::variant<embed_body, openai_error> embeddings_body(const boost::json::object& request,
                                                       std::string_view model);

std::variant<openai_answer, openai_error> embeddings_answer(std::string_view native_body,
                                                            const embeddings_request& view,
                                                            std::string_view model);

}  // namespace keygate::ollama
