#include "gateway/base/request_id.hpp"

#include <array>
#include <random>

namespace keygate {

std::string make_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char hex[] = "0123456789abcdef";
  std::string id = "req_";
  for (int word = 0; word < 2; ++word) {
    auto bits = rng();
    for (int i = 0; i < 12; ++i, bits >>= 4) id.push_back(hex[bits & 0xf]);
  }
  return id;
}

bool is_acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (unsigned char c : id)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

}  // namespace keygate
