// POST /v1/responses: OpenAI's Responses API. The request, with the conversation it continues
// (previous_response_id), is read into the canonical one; answers are encoded into Response
// objects and Responses events; with `store` (the default) the response is kept for the key that
// made it, before the answer's last bytes (docs/front-doors.md#openai-responses).
#pragma once

#include "gateway/doors/responses/responses_encoder.hpp"
#include "gateway/doors/responses/responses_request.hpp"
#include "gateway/pipeline/front_door.hpp"
#include "gateway/storage/response_store.hpp"
#include "gateway/translators/common/sse_splitter.hpp"

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
  const client_body* client() const override { return &client_; }
  void watch_native(const outgoing_bytes& events) override;
  // A native stream that broke ends as a canonical one does: response.failed.
  std::string stream_error_event(const openai_error& error) const override;
  void answered(std::string_view native_answer) override;
  void log_fields(json_line& line, const embeddings_request& request,
                  std::int64_t completion_tokens) const override;

 private:
  // The items of the stored response `id` continues from (its conversation, then its output).
  std::variant<boost::json::array, openai_error> history_of(std::string_view id);
  // The request as a deployment that speaks Responses gets it: the client's bytes, or for a
  // continued conversation the client's request with its history as input.
  std::optional<openai_error> prepare_native(exchange& ex, const boost::json::object& request,
                                             bool continued);
  void store(const boost::json::object& response, std::string_view id);

  response_store* store_;
  std::string key_id_;
  std::string canonical_;
  std::string native_body_;  // a continued conversation's native request
  client_body client_;
  responses_reading reading_;
  responses_encoder encoder_;
  sse_splitter native_events_;
  std::string native_joined_;
  std::optional<boost::json::object> native_final_;  // a native stream's finished Response
  std::int64_t native_event_count_ = 0;              // the next sequence_number of a native stream
  std::string native_id_;                            // the native stream's response id
};

}  // namespace keygate::doors::responses
