#include "gateway/console/random_token.hpp"

#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace keygate::console {

namespace {

void fill_random(unsigned char* out, std::size_t n) {
  if (RAND_bytes(out, static_cast<int>(n)) != 1)
    throw std::runtime_error("no random bytes from OpenSSL");
}

}  // namespace

std::string random_token(std::size_t bytes) {
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::vector<unsigned char> raw(bytes);
  fill_random(raw.data(), raw.size());
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
  fill_random(raw, sizeof raw);
  std::string id(prefix);
  for (unsigned char b : raw) id += alphabet[b & 31];
  return id;
}

}  // namespace keygate::console
