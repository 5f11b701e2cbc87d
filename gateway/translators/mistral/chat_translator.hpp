// Mistral's API (docs/mistral.md): OpenAI chat requests go up as POST {base}/chat/completions and
// embeddings as POST {base}/embeddings, with Bearer auth. The shapes are OpenAI's, but Mistral
// refuses (422) any field it does not know and tool-call ids of another form, so requests are
// rebuilt rather than passed through; answers, streams and errors come back in OpenAI's shapes.
#pragma once

#include "gateway/engine/translator.hpp"

namespace keygate::mistral {

class chat_translator final : public translator {
 public:
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

}  // namespace keygate::mistral
