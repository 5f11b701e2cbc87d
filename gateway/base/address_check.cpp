#include "gateway/base/address_check.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace keygate {

namespace {

namespace ip = boost::asio::ip;

struct v4_range {
  std::uint32_t base;
  int prefix;
  std::string_view reason;
};

constexpr std::uint32_t v4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

// IANA's special-purpose IPv4 registry, less the few ranges that are globally reachable.
constexpr std::array<v4_range, 15> v4_blocked{{
    {v4(0, 0, 0, 0), 8, "unspecified"},
    {v4(10, 0, 0, 0), 8, "private"},
    {v4(100, 64, 0, 0), 10, "shared (carrier-grade NAT)"},
    {v4(127, 0, 0, 0), 8, "loopback"},
    {v4(169, 254, 0, 0), 16, "link-local"},
    {v4(172, 16, 0, 0), 12, "private"},
    {v4(192, 0, 0, 0), 24, "reserved"},
    {v4(192, 0, 2, 0), 24, "documentation"},
    {v4(192, 88, 99, 0), 24, "reserved"},
    {v4(192, 168, 0, 0), 16, "private"},
    {v4(198, 18, 0, 0), 15, "benchmarking"},
    {v4(198, 51, 100, 0), 24, "documentation"},
    {v4(203, 0, 113, 0), 24, "documentation"},
    {v4(224, 0, 0, 0), 4, "multicast"},
    {v4(240, 0, 0, 0), 4, "reserved"},  // 255.255.255.255 (broadcast) included
}};

bool in_v4(std::uint32_t address, std::uint32_t base, int prefix) {
  const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
  return (address & mask) == (base & mask);
}

std::string_view v4_reason(const ip::address_v4& address) {
  const auto value = address.to_uint();
  for (const auto& range : v4_blocked)
    if (in_v4(value, range.base, range.prefix)) return range.reason;
  return {};
}

using v6_bytes = ip::address_v6::bytes_type;

bool same_prefix(const v6_bytes& a, const v6_bytes& b, int prefix) {
  for (int bit = 0; bit < prefix; ++bit) {
    const auto byte = static_cast<std::size_t>(bit / 8);
    const int mask = 0x80 >> (bit % 8);
    if ((a[byte] & mask) != (b[byte] & mask)) return false;
  }
  return true;
}

bool in_v6(const v6_bytes& address, std::initializer_list<std::uint8_t> prefix_bytes, int prefix) {
  v6_bytes base{};
  std::copy(prefix_bytes.begin(), prefix_bytes.end(), base.begin());
  return same_prefix(address, base, prefix);
}

ip::address_v4 v4_at(const v6_bytes& bytes, std::size_t offset) {
  return ip::address_v4({bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]});
}

std::string_view v6_reason(const ip::address_v6& address) {
  const auto bytes = address.to_bytes();
  // IPv4 carried inside IPv6: the IPv4 address decides.
  if (address.is_v4_mapped()) return v4_reason(v4_at(bytes, 12));
  if (in_v6(bytes, {0x00, 0x64, 0xff, 0x9b}, 96)) return v4_reason(v4_at(bytes, 12));  // NAT64
  if (in_v6(bytes, {0x20, 0x02}, 16)) return v4_reason(v4_at(bytes, 2));               // 6to4
  if (address.is_unspecified()) return "unspecified";
  if (address.is_loopback()) return "loopback";
  if (in_v6(bytes, {0xfc}, 7)) return "unique local";
  if (in_v6(bytes, {0xfe, 0x80}, 10)) return "link-local";
  if (in_v6(bytes, {0xfe, 0xc0}, 10)) return "site-local";
  if (in_v6(bytes, {0xff}, 8)) return "multicast";
  if (in_v6(bytes, {0x20, 0x01, 0x0d, 0xb8}, 32)) return "documentation";
  if (in_v6(bytes, {0x3f, 0xff}, 20)) return "documentation";
  if (in_v6(bytes, {0x20, 0x01}, 23)) return "reserved";  // Teredo, ORCHID and other protocols
  if (!in_v6(bytes, {0x20}, 3)) return "reserved";        // outside global unicast 2000::/3
  return {};
}

}  // namespace

std::string_view non_public_reason(const ip::address& address) {
  return address.is_v4() ? v4_reason(address.to_v4()) : v6_reason(address.to_v6());
}

bool address_ranges::add(std::string_view cidr) {
  boost::system::error_code ec;
  const std::string text(cidr);
  if (text.find('/') == std::string::npos) {
    auto address = ip::make_address(text, ec);
    if (ec) return false;
    if (address.is_v4())
      v4.emplace_back(address.to_v4(), 32);
    else
      v6.emplace_back(address.to_v6(), 128);
    return true;
  }
  if (text.find(':') == std::string::npos) {
    auto network = ip::make_network_v4(text, ec);
    if (ec) return false;
    v4.push_back(network.canonical());
  } else {
    auto network = ip::make_network_v6(text, ec);
    if (ec) return false;
    v6.push_back(network.canonical());
  }
  return true;
}

bool address_ranges::contains(const ip::address& address) const {
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return contains(ip::make_address_v4(ip::v4_mapped, address.to_v6()));
  if (address.is_v4()) {
    const auto value = address.to_v4().to_uint();
    for (const auto& network : v4)
      if (in_v4(value, network.network().to_uint(), network.prefix_length())) return true;
    return false;
  }
  const auto bytes = address.to_v6().to_bytes();
  for (const auto& network : v6)
    if (same_prefix(bytes, network.network().to_bytes(), network.prefix_length())) return true;
  return false;
}

}  // namespace keygate
