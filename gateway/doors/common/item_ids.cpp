#include "gateway/doors/common/item_ids.hpp"

#include <array>

#include "gateway/base/secure_random.hpp"

namespace keygate::doors {

std::string new_item_id(std::string_view prefix) {
  std::array<unsigned char, 12> bytes{};
  fill_secure_random(bytes.data(), bytes.size());
  static constexpr char digits[] = "0123456789abcdef";
  std::string id(prefix);
  for (unsigned char b : bytes) {
    id.push_back(digits[b >> 4]);
    id.push_back(digits[b & 15]);
  }
  return id;
}

}  // namespace keygate::doors
