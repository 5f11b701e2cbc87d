// Ollama's native API (docs/ollama.md): OpenAI chat requests go up as POST {base}/api/chat
// (NDJSON stream or one JSON object), embeddings as POST {base}/api/embed, and answers, streams
// and errors come back in OpenAI's shapes. Ollama needs no key; a configured one goes as Bearer.
#pragma once

#include "gateway/engine/translator.hpp"

namespace keygate::ollama {

class chat_translator final : public translator {
 public:
  bool needs_image_bytes() const override { return true; }
  std::variant<native_request, openai_error> build(const translate_input& in) const override;
  std::variant<openai_answer, openai_error> parse(const translate_input& in,
                                                  std::string native_body) const override;
  std::unique_ptr<stream_translator> stream(const translate_input& in) const override;
  std::variant<native_request, openai_error> build_embeddings(
      const embeddings_input& in) const override;
  std::variant<openai_answer, openai_error> parse_embeddings(
      const embeddings_input& in, std::string native_body) const override;
  openai_error error(int status, std::string_view native_body,
                     const boost::beast::http::fields& headers) const override;
};

}  // namespace keygate::ollama
