// POST /v1/audio/transcriptions and /v1/audio/translations: OpenAI's multipart upload, read in
// place. The model routes the request; the file stays where the connection read it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/base/openai_error.hpp"
#include "gateway/canonical/canonical_request.hpp"

namespace keygate {

struct transcription_request {
  canonical_request common;     // body, model, model_value (the model part's raw bytes)
  std::string response_format;  // json (the default), text, srt, verbose_json, vtt, ...
  std::string_view filename;
  std::size_t file_bytes = 0;
  // Seconds of audio, from the header when the file is WAV; nullopt for other types.
  std::optional<double> wav_seconds;
};

// The audio types OpenAI's transcription endpoints take, by the file name's extension.
bool supported_audio_name(std::string_view filename);

// Reads the form; a 400 in OpenAI's shape for a body that is not multipart, a missing file or
// model, or a file of an unsupported type. The body must stay alive while `out` is used.
std::optional<openai_error> parse_transcription_request(std::string_view body,
                                                        std::string_view content_type,
                                                        transcription_request& out);

// Seconds of audio in a WAV file (RIFF, its fmt and data chunks); nullopt when it is not one.
std::optional<double> wav_duration(std::string_view file);

}  // namespace keygate
