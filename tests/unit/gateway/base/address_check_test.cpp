// The SSRF address rules: every non-public range is refused, IPv4 inside IPv6 included, and public
// addresses pass.
#include "gateway/base/address_check.hpp"

#include <gtest/gtest.h>

namespace keygate::address_check_test {
namespace {

namespace ip = boost::asio::ip;

std::string reason(const char* text) {
  return std::string(non_public_reason(ip::make_address(text)));
}

TEST(AddressCheck, BlocksEveryNonPublicIpv4Range) {
  EXPECT_EQ(reason("0.0.0.0"), "unspecified");
  EXPECT_EQ(reason("0.1.2.3"), "unspecified");
  EXPECT_EQ(reason("10.0.0.1"), "private");
  EXPECT_EQ(reason("10.255.255.255"), "private");
  EXPECT_EQ(reason("100.64.0.1"), "shared (carrier-grade NAT)");
  EXPECT_EQ(reason("100.127.255.254"), "shared (carrier-grade NAT)");
  EXPECT_EQ(reason("127.0.0.1"), "loopback");
  EXPECT_EQ(reason("127.255.0.9"), "loopback");
  EXPECT_EQ(reason("169.254.169.254"), "link-local");  // cloud metadata
  EXPECT_EQ(reason("172.16.0.1"), "private");
  EXPECT_EQ(reason("172.31.255.255"), "private");
  EXPECT_EQ(reason("192.0.0.8"), "reserved");
  EXPECT_EQ(reason("192.0.2.1"), "documentation");
  EXPECT_EQ(reason("192.168.1.1"), "private");
  EXPECT_EQ(reason("198.18.0.1"), "benchmarking");
  EXPECT_EQ(reason("198.51.100.7"), "documentation");
  EXPECT_EQ(reason("203.0.113.7"), "documentation");
  EXPECT_EQ(reason("224.0.0.1"), "multicast");
  EXPECT_EQ(reason("239.255.255.250"), "multicast");
  EXPECT_EQ(reason("240.0.0.1"), "reserved");
  EXPECT_EQ(reason("255.255.255.255"), "reserved");
}

TEST(AddressCheck, RangeEdgesStayPublic) {
  EXPECT_EQ(reason("9.255.255.255"), "");
  EXPECT_EQ(reason("11.0.0.0"), "");
  EXPECT_EQ(reason("100.63.255.255"), "");
  EXPECT_EQ(reason("100.128.0.0"), "");
  EXPECT_EQ(reason("172.15.255.255"), "");
  EXPECT_EQ(reason("172.32.0.0"), "");
  EXPECT_EQ(reason("169.253.255.255"), "");
  EXPECT_EQ(reason("192.167.255.255"), "");
  EXPECT_EQ(reason("223.255.255.255"), "");
}

TEST(AddressCheck, PublicAddressesPass) {
  EXPECT_EQ(reason("8.8.8.8"), "");
  EXPECT_EQ(reason("1.1.1.1"), "");
  EXPECT_EQ(reason("93.184.216.34"), "");
  EXPECT_EQ(reason("2606:4700:4700::1111"), "");
  EXPECT_EQ(reason("2001:4860:4860::8888"), "");
  EXPECT_EQ(reason("2a00:1450:4001:80b::200e"), "");
}

TEST(AddressCheck, BlocksEveryNonPublicIpv6Range) {
  EXPECT_EQ(reason("::"), "unspecified");
  EXPECT_EQ(reason("::1"), "loopback");
  EXPECT_EQ(reason("fc00::1"), "unique local");
  EXPECT_EQ(reason("fd12:3456:789a::1"), "unique local");
  EXPECT_EQ(reason("fe80::1"), "link-local");
  EXPECT_EQ(reason("febf::1"), "link-local");
  EXPECT_EQ(reason("fec0::1"), "site-local");
  EXPECT_EQ(reason("ff02::1"), "multicast");
  EXPECT_EQ(reason("2001:db8::1"), "documentation");
  EXPECT_EQ(reason("2001:0:4136:e378::1"), "reserved");  // Teredo
  EXPECT_EQ(reason("100::1"), "reserved");               // discard
  EXPECT_EQ(reason("::127.0.0.1"), "reserved");          // IPv4-compatible, deprecated
  EXPECT_EQ(reason("4000::1"), "reserved");              // outside global unicast
}

TEST(AddressCheck, Ipv4InsideIpv6IsJudgedAsIpv4) {
  EXPECT_EQ(reason("::ffff:127.0.0.1"), "loopback");
  EXPECT_EQ(reason("::ffff:10.1.2.3"), "private");
  EXPECT_EQ(reason("::ffff:169.254.169.254"), "link-local");
  EXPECT_EQ(reason("::ffff:8.8.8.8"), "");
  EXPECT_EQ(reason("64:ff9b::a9fe:a9fe"), "link-local");  // NAT64 of 169.254.169.254
  EXPECT_EQ(reason("64:ff9b::808:808"), "");              // NAT64 of 8.8.8.8
  EXPECT_EQ(reason("2002:7f00:1::1"), "loopback");        // 6to4 of 127.0.0.1
  EXPECT_EQ(reason("2002:0808:0808::1"), "");             // 6to4 of 8.8.8.8
}

TEST(AddressRanges, HoldNetworksAndSingleAddresses) {
  address_ranges ranges;
  EXPECT_TRUE(ranges.empty());
  EXPECT_TRUE(ranges.add("10.1.0.0/16"));
  EXPECT_TRUE(ranges.add("127.0.0.1"));
  EXPECT_TRUE(ranges.add("fd00::/8"));
  EXPECT_TRUE(ranges.add("10.9.9.9/8"));  // host bits are ignored
  EXPECT_FALSE(ranges.add("10.0.0.0/33"));
  EXPECT_FALSE(ranges.add("example.com"));
  EXPECT_FALSE(ranges.add("fd00::/129"));
  EXPECT_FALSE(ranges.empty());

  EXPECT_TRUE(ranges.contains(ip::make_address("10.1.200.3")));
  EXPECT_TRUE(ranges.contains(ip::make_address("10.200.0.1")));
  EXPECT_TRUE(ranges.contains(ip::make_address("127.0.0.1")));
  EXPECT_FALSE(ranges.contains(ip::make_address("127.0.0.2")));
  EXPECT_TRUE(ranges.contains(ip::make_address("::ffff:127.0.0.1")));
  EXPECT_TRUE(ranges.contains(ip::make_address("fdab::1")));
  EXPECT_FALSE(ranges.contains(ip::make_address("fc00::1")));
  EXPECT_FALSE(ranges.contains(ip::make_address("::1")));
  EXPECT_FALSE(ranges.contains(ip::make_address("192.168.0.1")));
}

}  // namespace
}  // namespace keygate::address_check_test
