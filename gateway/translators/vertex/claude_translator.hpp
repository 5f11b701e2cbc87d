// Anthropic's Claude on Vertex AI (docs/vertex.md#claude): the Messages body without its model and
// with Vertex's anthropic_version, to {base}/models/{model}:rawPredict or :streamRawPredict; the
// answers, streams and errors are Anthropic's own.
#pragma once

#include "gateway/engine/translator.hpp"
#include "gateway/translators/anthropic/messages_translator.hpp"

namespace keygate::vertex {

inline constexpr std::string_view anthropic_version = "vertex-2023-10-16";

class claude_translator final : public translator {
 public:
  std::variant<native_request, openai_error> build(const translate_input& in) const override;
  std::variant<openai_answer, openai_error> parse(const translate_input& in,
                                                  std::string native_body) const override;
  std::unique_ptr<stream_translator> stream(const translate_input& in) const override;
  openai_error error(int status, std::string_view native_body,
                     const boost::beast::http::fields& headers) const override;

 private:
  anthropic::messages_translator messages_;
};

}  // namespace keygate::vertex
