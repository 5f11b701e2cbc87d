// OpenAI's Responses API spoken natively (OpenAI, and Azure OpenAI's v1 API): a request that came
// in through the Responses door goes up with only the model changed (a continued conversation
// carries its history instead of previous_response_id), and the answer comes back byte for byte;
// usage is read on the way.
#pragma once

#include <string>

#include "gateway/engine/translator.hpp"
#include "gateway/translators/common/sse_splitter.hpp"
#include "gateway/translators/openai/passthrough_translator.hpp"

namespace keygate::openai {

class native_responses final : public translator {
 public:
  explicit native_responses(openai_dialect dialect) : dialect_(dialect) {}
  bool wants_parsed_body() const override { return false; }
  std::variant<native_request, openai_error> build(const translate_input& in) const override;
  std::variant<openai_answer, openai_error> parse(const translate_input& in,
                                                  std::string native_body) const override;
  std::unique_ptr<stream_translator> stream(const translate_input& in) const override;
  openai_error error(int status, std::string_view native_body,
                     const boost::beast::http::fields& headers) const override;

 private:
  openai_dialect dialect_;
};

// A Responses usage object ({input_tokens, output_tokens, ...}) in keygate's terms.
token_usage responses_usage(const boost::json::object& usage);

// Watches a Responses event stream on its way to the client, forwarding the upstream's bytes.
class native_response_stream final : public stream_translator {
 public:
  // `previous_response_id`: the stored response the client continued, written back into the
  // Response the events carry; empty for a new conversation.
  explicit native_response_stream(std::string previous_response_id = {})
      : previous_response_id_(std::move(previous_response_id)) {}
  void feed(std::string_view bytes, outgoing_bytes& out) override;
  bool done() const override { return done_; }
  bool upstream_error() const override { return upstream_error_; }
  bool malformed() const override { return malformed_; }
  token_usage usage() const override { return usage_; }

 private:
  void inspect(std::string_view event);
  std::optional<std::string> with_previous_id(std::string_view event);

  std::string previous_response_id_;
  sse_splitter splitter_;
  std::string joined_;
  token_usage usage_;
  bool first_seen_ = false;
  bool done_ = false;
  bool upstream_error_ = false;
  bool malformed_ = false;
};

}  // namespace keygate::openai
