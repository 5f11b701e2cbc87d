#include "gateway/base/key_hash.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>

#include "gateway/base/secure_random.hpp"

namespace keygate {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

}  // namespace

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr);
  std::string hex(std::size_t{size} * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    hex[2 * i] = hex_digits[digest[i] >> 4];
    hex[2 * i + 1] = hex_digits[digest[i] & 0xf];
  }
  return hex;
}

bool is_sha256_hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string new_key_secret() {
  static constexpr std::string_view alphabet =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string secret = "sk-kg-";
  std::array<unsigned char, 64> pool{};
  while (secret.size() < 6 + 43) {
    fill_secure_random(pool.data(), pool.size());
    for (unsigned char b : pool)
      if (b < 248 && secret.size() < 6 + 43) secret += alphabet[b % 62];  // no modulo bias
  }
  return secret;
}

std::string new_key_id() {
  std::array<unsigned char, 8> raw{};
  fill_secure_random(raw.data(), raw.size());
  std::string id = "key-";
  for (unsigned char b : raw) {
    id += hex_digits[b >> 4];
    id += hex_digits[b & 0xf];
  }
  return id;
}

}  // namespace keygate
