// POST /v1/responses: OpenAI's Responses API. The request, with the conversation it continues
// (previous_response_id), is read into the canonical one; answers are encoded into Response
// objects and Responses events; with `store` (the default) the response is kept for the key that
// made it, before the answer's last bytes (docs/front-doors.md#openai-responses).
#pragma once

#include "gateway/doors/responses/responses_encoder.hpp"
#include "gateway/doors/responses/responses_request.hpp"
#include "gateway/pipeline/front_door.hpp"
#include "gateway/storage/response_store.hpp"

namespace keygate::doors::responses {

class responses_door final : public front_door {
 public:
  // `store`: null when keygate keeps no database (store: true is then ignored).
  responses_door(response_store* store, std::string key_id)
      : store_(store), key_id_(std::move(key_id)) {}

  std::string_view route() const override { return "responses"; }
  client_dialect dialect() const override { return client_dialect::openai_responses; }
  std::optional<openai_error> read(exchange& ex, embeddings_request& into) override;
  answer_encoder* encoder() override { return &encoder_; }
  void answered(std::string_view native_answer) override;
  void log_fields(json_line& line, const embeddings_request& request,
                  std::int64_t completion_tokens) const override;

 private:
  // The items of the stored response `id` continues from (its conversation, then its output).
  std::variant<boost::json::array, openai_error> history_of(std::string_view id);

  response_store* store_;
  std::string key_id_;
  std::string canonical_;
  responses_reading reading_;
  responses_encoder encoder_;
};

}  // namespace keygate::doors::responses
