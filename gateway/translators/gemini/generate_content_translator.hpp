// Google's Gemini API (docs/gemini.md): OpenAI chat requests go up as
// POST {base}/models/{model}:generateContent (or :streamGenerateContent?alt=sse), and answers,
// streams and errors come back in OpenAI's shapes.
#pragma once

#include <string>
#include <string_view>

#include "gateway/engine/translator.hpp"

namespace keygate::gemini {

// The request target for a model: a "models/" prefix is dropped, and characters a path segment
// cannot hold are percent-encoded.
std::string model_path(std::string_view base_path, std::string_view model, bool stream);
// The same for any method, e.g. ":batchEmbedContents".
std::string model_method_path(std::string_view base_path, std::string_view model,
                              std::string_view method);

class generate_content_translator final : public translator {
 public:
  bool needs_image_bytes() const override { return true; }
  std::variant<native_request, openai_error> build(const translate_input& in) const override;
  std::variant<openai_answer, openai_error> parse(const translate_input& in,
                                                  std::string native_body) const override;
  std::unique_ptr<stream_translator> stream(const translate_input& in) const override;
  // Embeddings go up as POST {base}/models/{model}:batchEmbedContents.
  std::variant<native_request, openai_error> build_embeddings(
      const embeddings_input& in) const override;
  std::variant<openai_answer, openai_error> parse_embeddings(
      const embeddings_input& in, std::string native_body) const override;
  openai_error error(int status, std::string_view native_body,
                     const boost::beast::http::fields& headers) const override;
  std::optional<std::chrono::milliseconds> retry_after_in_body(
      std::string_view native_body) const override;
};

}  // namespace keygate::gemini
