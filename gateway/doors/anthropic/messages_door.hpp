// POST /v1/messages: Anthropic's Messages API. The request is read into the canonical one, with
// what that cannot carry named for translated attempts to drop; deployments of provider
// `anthropic` take the client's own bytes instead (only the model changed) and their answers go
// back untouched; others' answers are encoded into Anthropic's shapes.
#pragma once

#include "gateway/doors/anthropic/messages_answer.hpp"
#include "gateway/pipeline/front_door.hpp"

namespace keygate::doors::anthropic {

class messages_door final : public front_door {
 public:
  std::string_view route() const override { return "messages"; }
  client_dialect dialect() const override { return client_dialect::anthropic_messages; }
  std::optional<openai_error> read(exchange& ex, embeddings_request& into) override;
  const client_body* client() const override { return &client_; }
  std::string error_body(const openai_error& error) const override;
  std::string stream_error_event(const openai_error& error) const override;
  answer_encoder* encoder() override { return &encoder_; }
  void log_fields(json_line& line, const embeddings_request& request,
                  std::int64_t completion_tokens) const override;

 private:
  std::string canonical_;  // the OpenAI chat body the request reads as
  client_body client_;
  messages_encoder encoder_;
};

}  // namespace keygate::doors::anthropic
