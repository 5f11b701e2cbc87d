// Anthropic's Messages API (docs/anthropic.md): OpenAI chat requests go up as POST {base}/messages,
// and answers, streams and errors come back in OpenAI's shapes.
#pragma once

#include "gateway/engine/translator.hpp"

namespace keygate::anthropic {

inline constexpr std::string_view api_version = "2023-06-01";

class messages_translator final : public translator {
 public:
  std::variant<native_request, openai_error> build(const translate_input& in) const override;
  std::variant<openai_answer, openai_error> parse(const translate_input& in,
                                                  std::string native_body) const override;
  std::unique_ptr<stream_translator> stream(const translate_input& in) const override;
  openai_error error(int status, std::string_view native_body,
                     const boost::beast::http::fields& headers) const override;
  // Requests through the Messages door go up as they are (native_messages.hpp).
  const translator* native_for(client_dialect dialect, const deployment& target) const override;
};

}  // namespace keygate::anthropic
