#include "gateway/base/request_id.hpp"

#include <chrono>
#include <cstdint>
#include <random>

namespace keygate {

namespace {

void append_hex(std::string& out, std::uint64_t bits, int digits) {
  static constexpr char hex[] = "0123456789abcdef";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
    out.push_back(hex[(bits >> shift) & 0xf]);
}

}  // namespace

std::string make_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  // The time first: ids made one after another sort together, so the ledger's index on them
  // grows at its end instead of touching a random page per request.
  std::string id = "req_";
  id.reserve(28);
  append_hex(id, static_cast<std::uint64_t>(now_ms), 12);
  append_hex(id, rng(), 12);
  return id;
}

bool is_acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (unsigned char c : id)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

}  // namespace keygate
