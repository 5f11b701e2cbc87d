#include "gateway/console/random_token.hpp"

#include <vector>

#include "gateway/base/secure_random.hpp"

namespace keygate::console {

std::string random_token(std::size_t bytes) {
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::vector<unsigned char> raw(bytes);
  fill_secure_random(raw.data(), raw.size());
  std::string out;
  out.reserve((bytes * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 2 < bytes; i += 3) {
    const unsigned v = (raw[i] << 16) | (raw[i + 1] << 8) | raw[i + 2];
    for (int shift : {18, 12, 6, 0}) out += alphabet[(v >> shift) & 63];
  }
  if (bytes - i == 1) {
    const unsigned v = raw[i] << 16;
    for (int shift : {18, 12}) out += alphabet[(v >> shift) & 63];
  } else if (bytes - i == 2) {
    const unsigned v = (raw[i] << 16) | (raw[i + 1] << 8);
    for (int shift : {18, 12, 6}) out += alphabet[(v >> shift) & 63];
  }
  return out;
}

std::string new_record_id(std::string_view prefix) {
  static constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  unsigned char raw[20];
  fill_secure_random(raw, sizeof raw);
  std::string id(prefix);
  for (unsigned char b : raw) id += alphabet[b & 31];
  return id;
}

}  // namespace keygate::console
