// Anthropic's Messages API spoken natively: a request that came in through the Messages door goes
// up as the client wrote it (only the model changed, its anthropic-version and anthropic-beta
// headers kept), and the answer comes back byte for byte; usage is read on the way.
#pragma once

#include <string>

#include "gateway/engine/translator.hpp"
#include "gateway/translators/common/sse_splitter.hpp"

namespace keygate::anthropic {

class native_messages_translator final : public translator {
 public:
  bool wants_parsed_body() const override { return false; }
  std::variant<native_request, openai_error> build(const translate_input& in) const override;
  std::variant<openai_answer, openai_error> parse(const translate_input& in,
                                                  std::string native_body) const override;
  std::unique_ptr<stream_translator> stream(const translate_input& in) const override;
  openai_error error(int status, std::string_view native_body,
                     const boost::beast::http::fields& headers) const override;
};

// Watches an Anthropic event stream on its way to the client, forwarding the upstream's bytes.
class native_message_stream final : public stream_translator {
 public:
  void feed(std::string_view bytes, outgoing_bytes& out) override;
  bool done() const override { return done_; }
  bool upstream_error() const override { return upstream_error_; }
  bool malformed() const override { return malformed_; }
  token_usage usage() const override { return usage_; }

 private:
  void inspect(std::string_view event);

  sse_splitter splitter_;
  std::string joined_;
  token_usage usage_;
  bool first_seen_ = false;
  bool done_ = false;
  bool upstream_error_ = false;
  bool malformed_ = false;
};

}  // namespace keygate::anthropic
