// The doors of the endpoints that have no canonical form: legacy completions, rerank, image
// generation, speech, transcription and translation (docs/endpoints.md). Each reads the client's
// request only as far as routing, limits and billing need, and hands it on as it is: a deployment
// whose provider serves the endpoint gets the client's bytes with only the model changed, and any
// other deployment refuses the attempt with a 400.
#pragma once

#include "gateway/canonical/endpoint_request.hpp"
#include "gateway/canonical/transcription_request.hpp"
#include "gateway/pipeline/front_door.hpp"

namespace keygate::doors {

class endpoint_door final : public front_door {
 public:
  explicit endpoint_door(client_dialect dialect) { client_.dialect = dialect; }

  std::string_view route() const override;
  client_dialect dialect() const override { return client_.dialect; }
  std::optional<openai_error> read(exchange& ex, embeddings_request& into) override;
  const client_body* client() const override { return &client_; }
  std::string_view answer_content_type() const override;
  std::string_view stream_head() const override;
  bool raw_stream() const override { return client_.dialect == client_dialect::openai_speech; }
  void log_fields(json_line& line, const embeddings_request& request,
                  std::int64_t completion_tokens) const override;

 private:
  client_body client_;
  std::string response_format_;
};

}  // namespace keygate::doors
