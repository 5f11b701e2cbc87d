// OpenAI's endpoints beyond chat spoken natively (OpenAI, Azure OpenAI, and OpenAI-compatible
// servers): legacy completions, image generation, speech, transcription and translation. The
// client's request goes up with only the model changed and the answer comes back byte for byte;
// the billed units are read on the way (docs/endpoints.md).
#pragma once

#include "gateway/engine/translator.hpp"
#include "gateway/translators/openai/passthrough_translator.hpp"

namespace keygate::openai {

class native_endpoint final : public translator {
 public:
  native_endpoint(openai_dialect wire, client_dialect endpoint)
      : wire_(wire), endpoint_(endpoint) {}
  bool wants_parsed_body() const override { return false; }
  bool raw_stream() const override { return endpoint_ == client_dialect::openai_speech; }
  std::variant<native_request, openai_error> build(const translate_input& in) const override;
  std::variant<openai_answer, openai_error> parse(const translate_input& in,
                                                  std::string native_body) const override;
  std::unique_ptr<stream_translator> stream(const translate_input& in) const override;
  openai_error error(int status, std::string_view native_body,
                     const boost::beast::http::fields& headers) const override;

 private:
  openai_dialect wire_;
  client_dialect endpoint_;
};

// The translator for `endpoint` on an OpenAI-compatible upstream of `wire`; null when the
// endpoint is not one of OpenAI's.
const translator* openai_endpoint(openai_dialect wire, client_dialect endpoint);

// Units of an image answer (its `data` items) and of a transcription's (`usage.seconds` of type
// duration, else `duration`); a token usage when the answer reports tokens instead.
token_usage image_usage(std::string_view answer);
token_usage transcription_usage(std::string_view answer, double seconds_from_file);

// Speech: audio bytes forwarded as they arrive, billed by the characters of the request's input.
class raw_audio_stream final : public stream_translator {
 public:
  explicit raw_audio_stream(double characters) : characters_(characters) {}
  void feed(std::string_view bytes, outgoing_bytes& out) override { out.forward(bytes); }
  // Audio has no end signal: the end of the upstream's body is the end, which the attempt sees
  // (translator::raw_stream).
  bool done() const override { return false; }
  bool upstream_error() const override { return false; }
  bool malformed() const override { return false; }
  token_usage usage() const override;

 private:
  double characters_;
};

}  // namespace keygate::openai
