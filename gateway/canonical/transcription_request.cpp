#include "gateway/canonical/transcription_request.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <vector>

#include "gateway/canonical/multipart_form.hpp"

namespace keygate {

namespace transcription_detail {

std::uint32_t little_endian(std::string_view bytes, std::size_t at, std::size_t width) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < width; ++i)
    value |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  return value;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

constexpr std::array supported_extensions{"flac", "m4a", "mp3", "mp4", "mpeg",
                                          "mpga", "oga", "ogg", "wav", "webm"};

openai_error missing_field(std::string_view field) {
  return invalid_request("'" + std::string(field) + "' is required.", std::string(field),
                         std::string("missing_required_parameter"));
}

}  // namespace transcription_detail

bool supported_audio_name(std::string_view filename) {
  const auto dot = filename.rfind('.');
  if (dot == std::string_view::npos) return false;
  const std::string extension = transcription_detail::lower(filename.substr(dot + 1));
  for (const auto* known : transcription_detail::supported_extensions)
    if (extension == known) return true;
  return false;
}

std::optional<double> wav_duration(std::string_view file) {
  using transcription_detail::little_endian;
  if (file.size() < 12 || file.substr(0, 4) != "RIFF" || file.substr(8, 4) != "WAVE")
    return std::nullopt;
  std::uint32_t byte_rate = 0;
  std::size_t at = 12;
  while (at + 8 <= file.size()) {
    const std::string_view id = file.substr(at, 4);
    const std::uint32_t size = little_endian(file, at + 4, 4);
    if (id == "fmt " && size >= 16 && at + 8 + 16 <= file.size()) {
      byte_rate = little_endian(file, at + 8 + 8, 4);
    } else if (id == "data") {
      if (byte_rate == 0) return std::nullopt;
      // A streamed WAV may say 0 or 0xFFFFFFFF: what the file holds counts then.
      const std::size_t held = file.size() - (at + 8);
      const std::size_t bytes = size == 0 || size > held ? held : size;
      return static_cast<double>(bytes) / byte_rate;
    }
    at += 8 + size + (size & 1);
  }
  return std::nullopt;
}

std::optional<openai_error> parse_transcription_request(std::string_view body,
                                                        std::string_view content_type,
                                                        transcription_request& out) {
  out = transcription_request{};
  out.common.body = body;
  const auto boundary = multipart_boundary(content_type);
  if (!boundary)
    return invalid_request("The request body must be multipart/form-data with a boundary.", {},
                           std::string("invalid_content_type"));
  std::vector<multipart_part> parts;
  if (auto broken = read_multipart(body, *boundary, parts))
    return invalid_request("The multipart body is malformed: " + *broken + ".", {},
                           std::string("invalid_multipart"));
  const multipart_part* file = nullptr;
  bool seen_model = false;
  for (const auto& part : parts) {
    if (part.name == "file") {
      if (file) return invalid_request("'file' appears twice.", std::string("file"));
      file = &part;
    } else if (part.name == "model") {
      if (seen_model) return invalid_request("'model' appears twice.", std::string("model"));
      seen_model = true;
      out.common.model = part.value;
      out.common.model_value = {part.value_offset, part.value.size()};
    } else if (part.name == "response_format") {
      out.response_format = part.value;
    } else if (part.name == "stream" && part.value == "true") {
      out.common.stream = true;
    }
  }
  if (!file || !file->has_filename) return transcription_detail::missing_field("file");
  if (!seen_model || out.common.model.empty()) return transcription_detail::missing_field("model");
  if (out.common.stream)
    return invalid_request("Streamed transcription is not supported; leave 'stream' out.",
                           std::string("stream"), std::string("unsupported_value"));
  if (!supported_audio_name(file->filename))
    return invalid_request(
        "Unsupported audio type '" + std::string(file->filename) +
            "'. Supported: flac, m4a, mp3, mp4, mpeg, mpga, oga, ogg, wav, webm.",
        std::string("file"), std::string("unsupported_file_type"));
  if (file->value.empty())
    return invalid_request("'file' is empty.", std::string("file"), std::string("empty_file"));
  out.filename = file->filename;
  out.file_bytes = file->value.size();
  out.wav_seconds = wav_duration(file->value);
  return std::nullopt;
}

}  // namespace keygate
