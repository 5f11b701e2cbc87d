// Rerank in Cohere's v2 shape, spoken natively by Cohere ({base}/rerank, its base ending in /v2)
// and by Cohere-compatible servers behind `openai_compatible` deployments (Jina, a vLLM or TEI
// reranker: {api_base}/rerank). The client's body goes up with only the model changed; the answer
// comes back as it is, billed in search units (docs/endpoints.md).
#pragma once

#include "gateway/engine/translator.hpp"

namespace keygate {

class native_rerank final : public translator {
 public:
  bool wants_parsed_body() const override { return false; }
  std::variant<native_request, openai_error> build(const translate_input& in) const override;
  std::variant<openai_answer, openai_error> parse(const translate_input& in,
                                                  std::string native_body) const override;
  std::unique_ptr<stream_translator> stream(const translate_input& in) const override;
  openai_error error(int status, std::string_view native_body,
                     const boost::beast::http::fields& headers) const override;
};

// The search units a rerank answer bills (meta.billed_units.search_units); one when the server
// does not say, as a search is one unit.
token_usage rerank_usage(std::string_view answer);

const native_rerank& rerank_translator();

}  // namespace keygate
