// OpenAI and OpenAI-compatible upstreams: no translation. The client's body goes up with only the
// model (and include_usage) changed; answers come back byte for byte (docs/passthrough.md).
#pragma once

#include "gateway/engine/translator.hpp"

namespace keygate::openai {

// Where the request goes and how it authenticates; the body and answers are the same.
enum class openai_dialect {
  openai,  // {api_base}/chat/completions, Authorization: Bearer
  azure,   // deployment URLs with api-version (or Azure's v1 API), api-key header
};

class passthrough_translator final : public translator {
 public:
  // `responses`: the upstream serves OpenAI's Responses API too (OpenAI, Azure), so requests
  // through the Responses door go up natively (native_responses.hpp).
  explicit passthrough_translator(openai_dialect dialect, bool responses = false)
      : dialect_(dialect), responses_(responses) {}
  bool wants_parsed_body() const override { return false; }
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
  const translator* native_for(client_dialect dialect, const deployment& target) const override;

 private:
  openai_dialect dialect_;
  bool responses_;
};

}  // namespace keygate::openai
