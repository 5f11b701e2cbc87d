// Bedrock's Converse API (docs/bedrock.md): OpenAI chat requests go up as
// POST {base}/model/{modelId}/converse (or /converse-stream), signed with SigV4 or a Bedrock API
// key, and answers, event streams and errors come back in OpenAI's shapes.
#pragma once

#include <chrono>
#include <functional>

#include "gateway/engine/translator.hpp"

namespace keygate::bedrock {

class converse_translator final : public translator {
 public:
  using clock_fn = std::function<std::chrono::system_clock::time_point()>;
  // `now` is when a request is signed; tests pass a fixed time.
  explicit converse_translator(clock_fn now = std::chrono::system_clock::now)
      : now_(std::move(now)) {}

  bool needs_image_bytes() const override { return true; }
  std::variant<native_request, openai_error> build(const translate_input& in) const override;
  std::variant<openai_answer, openai_error> parse(const translate_input& in,
                                                  std::string native_body) const override;
  std::unique_ptr<stream_translator> stream(const translate_input& in) const override;
  openai_error error(int status, std::string_view native_body,
                     const boost::beast::http::fields& headers) const override;

 private:
  clock_fn now_;
};

// "/model/{modelId}/converse": the id percent-encoded, so ':' and '/' in it travel as %3A and %2F.
std::string converse_path(std::string_view base_path, std::string_view model, bool stream);

}  // namespace keygate::bedrock
