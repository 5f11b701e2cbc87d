// Google's Gemini on Vertex AI (docs/vertex.md#gemini): the Gemini API's own request and answers,
// under the publisher's path ({base}/models/{model}:generateContent); no API key, since the
// request carries an OAuth2 token. Embeddings on Vertex take another API and are not mapped.
#pragma once

#include "gateway/engine/translator.hpp"
#include "gateway/translators/gemini/generate_content_translator.hpp"

namespace keygate::vertex {

class gemini_translator final : public translator {
 public:
  bool needs_image_bytes() const override { return true; }
  std::variant<native_request, openai_error> build(const translate_input& in) const override;
  std::variant<openai_answer, openai_error> parse(const translate_input& in,
                                                  std::string native_body) const override;
  std::unique_ptr<stream_translator> stream(const translate_input& in) const override;
  openai_error error(int status, std::string_view native_body,
                     const boost::beast::http::fields& headers) const override;
  std::optional<std::chrono::milliseconds> retry_after_in_body(
      std::string_view native_body) const override;

 private:
  gemini::generate_content_translator gemini_;
};

}  // namespace keygate::vertex
