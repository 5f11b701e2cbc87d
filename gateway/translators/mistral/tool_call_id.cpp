#include "gateway/translators/mistral/tool_call_id.hpp"

#include <openssl/evp.h>

#include <array>
#include <random>

namespace keygate::mistral {

namespace {

constexpr std::string_view base62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::size_t id_length = 9;

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

}  // namespace

bool is_mistral_call_id(std::string_view id) {
  if (id.size() != id_length) return false;
  for (char c : id)
    if (!is_alnum(c)) return false;
  return true;
}

std::string mistral_call_id(std::string_view id) {
  if (is_mistral_call_id(id)) return std::string(id);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(id.data(), id.size(), digest.data(), &size, EVP_sha256(), nullptr);
  // The digest as one big-endian number, divided by 62 nine times; each remainder is a digit.
  std::string out;
  for (std::size_t digit = 0; digit < id_length; ++digit) {
    unsigned remainder = 0;
    for (unsigned i = 0; i < size; ++i) {
      const unsigned value = (remainder << 8) | digest[i];
      digest[i] = static_cast<unsigned char>(value / 62);
      remainder = value % 62;
    }
    out += base62[remainder];
  }
  return out;
}

std::string synthesized_call_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<std::size_t> pick(0, base62.size() - 1);
  std::string id = "call_";
  for (int i = 0; i < 24; ++i) id += base62[pick(rng)];
  return id;
}

}  // namespace keygate::mistral
