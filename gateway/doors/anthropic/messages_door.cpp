#include "gateway/doors/anthropic/messages_door.hpp"

#include "gateway/doors/anthropic/client_headers.hpp"
#include "gateway/doors/anthropic/messages_error.hpp"
#include "gateway/doors/anthropic/messages_request.hpp"
#include "gateway/doors/common/model_field.hpp"

namespace keygate::doors::anthropic {

std::optional<openai_error> messages_door::read(exchange& ex, embeddings_request& into) {
  // Anthropic's clients keep the request id they read from this header (Claude Code's transcripts).
  ex.extra_headers().set("request-id", ex.request_id());
  auto& body = ex.request().body();
  auto reading = read_messages_request(body);
  if (auto* error = std::get_if<openai_error>(&reading)) return *error;
  auto& read = std::get<messages_reading>(reading);
  canonical_ = std::move(read.canonical);
  if (auto error = parse_chat_request(canonical_, into.common)) return error;
  client_.dropped = std::move(read.dropped);
  const auto model = find_model_value(body);
  if (!model) return invalid_request("model: required", std::string("model"));
  client_.dialect = client_dialect::anthropic_messages;
  client_.body = body;
  client_.model_value = *model;
  client_.stream = into.common.stream;
  client_.forward_headers = forwarded_headers(ex.request());
  return std::nullopt;
}

std::string messages_door::error_body(const openai_error& error) const {
  return anthropic::error_body(error);
}

std::string messages_door::stream_error_event(const openai_error& error) const {
  return error_event(error);
}

void messages_door::log_fields(json_line& line, const embeddings_request& request,
                               std::int64_t completion_tokens) const {
  line.field("stream", request.common.stream).field("completion_tokens", completion_tokens);
}

}  // namespace keygate::doors::anthropic
