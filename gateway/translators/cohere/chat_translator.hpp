// Cohere's v2 API (docs/cohere.md): OpenAI chat requests go up as POST {base}/chat (streaming
// with "stream":true) and embeddings as POST {base}/embed, with Bearer auth. Cohere's shapes are
// its own (snake_case, content lists, typed stream events), so requests are rebuilt and answers,
// streams and errors come back in OpenAI's shapes.
#pragma once

#include "gateway/engine/translator.hpp"

namespace keygate::cohere {

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
  // Rerank goes up as it is, to {base}/rerank (common/native_rerank.hpp).
  const translator* native_for(client_dialect dialect, const deployment& target) const override;
};

}  // namespace keygate::cohere
