// Which addresses an image download may connect to: public unicast ones only, so that a client
// cannot make the gateway reach its own network (SSRF, docs/images.md).
#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <string_view>
#include <vector>

namespace keygate {

// Why the address is not a public unicast one ("loopback", "private", "link-local", ...), or an
// empty view when it is. An IPv4 address inside IPv6 (mapped, NAT64, 6to4) is judged as IPv4.
std::string_view non_public_reason(const boost::asio::ip::address& address);

// Networks given in the configuration.
struct address_ranges {
  std::vector<boost::asio::ip::network_v4> v4;
  std::vector<boost::asio::ip::network_v6> v6;

  // "10.1.0.0/16", "fd00::/8", or a bare address for one host; false when it is neither.
  bool add(std::string_view cidr);
  // IPv4-mapped IPv6 addresses are matched against the IPv4 networks.
  bool contains(const boost::asio::ip::address& address) const;
  bool empty() const { return v4.empty() && v6.empty(); }
};

}  // namespace keygate
