#include "gateway/doors/endpoints/endpoint_door.hpp"

#include <cmath>

namespace keygate::doors {

std::string_view endpoint_door::route() const {
  switch (client_.dialect) {
    case client_dialect::openai_completions:
      return "completions";
    case client_dialect::cohere_rerank:
      return "rerank";
    case client_dialect::openai_images:
      return "images.generations";
    case client_dialect::openai_speech:
      return "audio.speech";
    case client_dialect::openai_transcriptions:
      return "audio.transcriptions";
    case client_dialect::openai_translations:
      return "audio.translations";
    default:
      return "unknown";
  }
}

std::optional<openai_error> endpoint_door::read(exchange& ex, embeddings_request& into) {
  std::string& body = ex.request().body();
  const auto dialect = client_.dialect;
  std::optional<openai_error> refused;
  if (dialect == client_dialect::openai_transcriptions ||
      dialect == client_dialect::openai_translations) {
    const auto type = ex.request()[http::field::content_type];
    transcription_request form;
    refused = parse_transcription_request(body, type, form);
    into.common = form.common;
    client_.content_type = std::string(type);
    response_format_ = form.response_format;
    // Known from the file's own header (WAV); else the answer's duration tells.
    if (form.wav_seconds) client_.request_units = *form.wav_seconds;
  } else {
    endpoint_request request;
    switch (dialect) {
      case client_dialect::openai_completions:
        refused = parse_completions_request(body, request);
        break;
      case client_dialect::cohere_rerank:
        refused = parse_rerank_request(body, request);
        // A search unit is one query over up to 100 documents.
        client_.request_units = std::ceil(static_cast<double>(request.items) / 100);
        break;
      case client_dialect::openai_images:
        refused = parse_image_request(body, request);
        client_.request_units = static_cast<double>(request.items);
        break;
      default:
        refused = parse_speech_request(body, request);
        client_.request_units = static_cast<double>(request.characters);
        break;
    }
    into.common = request.common;
    response_format_ = request.response_format;
  }
  if (refused) return refused;
  client_.body = into.common.body;
  client_.model_value = into.common.model_value;
  client_.stream = into.common.stream;
  return std::nullopt;
}

std::string_view endpoint_door::answer_content_type() const {
  if (response_format_ == "text" || response_format_ == "srt") return "text/plain; charset=utf-8";
  if (response_format_ == "vtt") return "text/vtt; charset=utf-8";
  return "application/json";
}

std::string_view endpoint_door::stream_head() const {
  if (client_.dialect != client_dialect::openai_speech) return front_door::stream_head();
  // OpenAI's speech formats; mp3 when none is asked for.
  if (response_format_ == "opus") return "Content-Type: audio/ogg\r\n";
  if (response_format_ == "aac") return "Content-Type: audio/aac\r\n";
  if (response_format_ == "flac") return "Content-Type: audio/flac\r\n";
  if (response_format_ == "wav") return "Content-Type: audio/wav\r\n";
  if (response_format_ == "pcm") return "Content-Type: audio/pcm\r\n";
  return "Content-Type: audio/mpeg\r\n";
}

void endpoint_door::log_fields(json_line& line, const embeddings_request&, std::int64_t) const {
  if (client_.request_units > 0) line.field("request_units", client_.request_units);
}

}  // namespace keygate::doors
