#include "gateway/translators/openai/embedding_list.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <charconv>
#include <cstring>

namespace keygate::openai {

namespace {

constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int sextet(char c) {
  auto at = alphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

void append_floats(std::string& out, const std::vector<float>& values) {
  out += '[';
  char buffer[32];
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    // Shortest text that reads back as the same float32.
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, values[i]);
    out.append(buffer, ec == std::errc() ? end : buffer);
  }
  out += ']';
}

}  // namespace

std::string base64_of_floats(const std::vector<float>& values) {
  std::string bytes;
  bytes.reserve(values.size() * 4);
  for (float v : values) {
    std::uint32_t bits;
    std::memcpy(&bits, &v, 4);
    for (int shift = 0; shift < 32; shift += 8) bytes += static_cast<char>((bits >> shift) & 0xFF);
  }
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t group = static_cast<std::uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) group |= static_cast<std::uint8_t>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) group |= static_cast<std::uint8_t>(bytes[i + 2]);
    out += alphabet[(group >> 18) & 63];
    out += alphabet[(group >> 12) & 63];
    out += i + 1 < bytes.size() ? alphabet[(group >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? alphabet[group & 63] : '=';
  }
  return out;
}

std::optional<std::vector<float>> floats_of_base64(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string bytes;
  std::uint32_t group = 0;
  int bits = 0;
  for (char c : text) {
    const int value = sextet(c);
    if (value < 0) return std::nullopt;
    group = (group << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += static_cast<char>((group >> bits) & 0xFF);
    }
  }
  if (bytes.size() % 4 != 0) return std::nullopt;
  std::vector<float> values(bytes.size() / 4);
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::uint32_t word = 0;
    for (int b = 0; b < 4; ++b)
      word |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[i * 4 + b])) << (8 * b);
    std::memcpy(&values[i], &word, 4);
  }
  return values;
}

std::string embedding_list_json(const std::vector<std::vector<float>>& vectors,
                                std::string_view model, embedding_encoding encoding,
                                std::int64_t prompt_tokens) {
  std::string out = R"({"object":"list","data":[)";
  for (std::size_t i = 0; i < vectors.size(); ++i) {
    if (i) out += ',';
    out += R"({"object":"embedding","index":)" + std::to_string(i) + R"(,"embedding":)";
    if (encoding == embedding_encoding::base64)
      out += '"' + base64_of_floats(vectors[i]) + '"';
    else
      append_floats(out, vectors[i]);
    out += '}';
  }
  out += R"(],"model":)" + boost::json::serialize(boost::json::string(model));
  const auto tokens = std::to_string(prompt_tokens);
  out += R"(,"usage":{"prompt_tokens":)" + tokens + R"(,"total_tokens":)" + tokens + "}}";
  return out;
}

}  // namespace keygate::openai
