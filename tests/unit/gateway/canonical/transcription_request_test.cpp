#include "gateway/canonical/transcription_request.hpp"

#include <gtest/gtest.h>

namespace keygate::transcription_request_test {
namespace {

std::string le(std::uint32_t value, int bytes) {
  std::string out;
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
  return out;
}

// A PCM WAV: `rate` samples a second of `channels` 16-bit channels, `data` bytes of samples.
std::string wav(std::uint32_t rate, std::uint16_t channels, std::uint32_t data) {
  const std::uint32_t byte_rate = rate * channels * 2;
  return "RIFF" + le(36 + data, 4) + "WAVEfmt " + le(16, 4) + le(1, 2) + le(channels, 2) +
         le(rate, 4) + le(byte_rate, 4) + le(channels * 2, 2) + le(16, 2) + "data" + le(data, 4) +
         std::string(data, '\0');
}

std::string form(const std::string& file_part, const std::string& model = "whisper-1") {
  std::string body;
  if (!model.empty())
    body += "--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model + "\r\n";
  body += file_part;
  body += "--b\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\nverbose_json\r\n";
  return body + "--b--\r\n";
}

std::string file_part(const std::string& name, const std::string& bytes) {
  return "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n\r\n" +
         bytes + "\r\n";
}

constexpr std::string_view type = "multipart/form-data; boundary=b";

TEST(WavDuration, ReadsTheSecondsFromTheHeader) {
  EXPECT_DOUBLE_EQ(*wav_duration(wav(16000, 1, 32000)), 1.0);
  EXPECT_DOUBLE_EQ(*wav_duration(wav(8000, 2, 16000)), 0.5);
  EXPECT_FALSE(wav_duration("ID3 not a wav"));
  EXPECT_FALSE(wav_duration("RIFF"));
}

TEST(WavDuration, AStreamedWavCountsWhatItHolds) {
  std::string streamed = wav(16000, 1, 16000);
  streamed.replace(40, 4, le(0xFFFFFFFF, 4));  // the data size a streaming writer leaves
  EXPECT_DOUBLE_EQ(*wav_duration(streamed), 0.5);
}

TEST(TranscriptionRequest, ReadsTheModelInPlaceAndTheFile) {
  const std::string body = form(file_part("hello.WAV", wav(16000, 1, 48000)));
  transcription_request out;
  ASSERT_EQ(parse_transcription_request(body, type, out), std::nullopt);
  EXPECT_EQ(out.common.model, "whisper-1");
  EXPECT_EQ(body.substr(out.common.model_value.offset, out.common.model_value.length), "whisper-1");
  EXPECT_EQ(out.response_format, "verbose_json");
  EXPECT_EQ(out.filename, "hello.WAV");
  EXPECT_DOUBLE_EQ(out.wav_seconds.value_or(0), 1.5);
}

TEST(TranscriptionRequest, RefusesWhatOpenAIRefuses) {
  transcription_request out;
  auto no_file = parse_transcription_request(form(""), type, out);
  ASSERT_TRUE(no_file);
  EXPECT_EQ(no_file->param, "file");
  EXPECT_EQ(no_file->code, "missing_required_parameter");
  auto no_model = parse_transcription_request(form(file_part("a.mp3", "x"), ""), type, out);
  ASSERT_TRUE(no_model);
  EXPECT_EQ(no_model->param, "model");
  auto text_file = parse_transcription_request(form(file_part("a.txt", "x")), type, out);
  ASSERT_TRUE(text_file);
  EXPECT_EQ(text_file->code, "unsupported_file_type");
  auto empty = parse_transcription_request(form(file_part("a.mp3", "")), type, out);
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->code, "empty_file");
  auto json = parse_transcription_request(R"({"model":"whisper-1"})", "application/json", out);
  ASSERT_TRUE(json);
  EXPECT_EQ(json->code, "invalid_content_type");
  auto broken = parse_transcription_request("--b\r\nContent-Disposition: form-data", type, out);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->code, "invalid_multipart");
  for (const auto& status : {no_file, no_model, text_file, empty, json, broken})
    EXPECT_EQ(status->status, 400);
}

TEST(TranscriptionRequest, KnowsOpenAIsAudioTypes) {
  for (const char* name : {"a.flac", "a.m4a", "a.mp3", "a.mp4", "a.mpeg", "a.mpga", "a.oga",
                           "a.ogg", "a.wav", "a.webm", "x.y.MP3"})
    EXPECT_TRUE(supported_audio_name(name)) << name;
  for (const char* name : {"a", "a.txt", "a.wav.exe", "mp3"})
    EXPECT_FALSE(supported_audio_name(name)) << name;
}

}  // namespace
}  // namespace keygate::transcription_request_test
