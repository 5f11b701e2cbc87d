// Image URLs a client sends: only http and https, and where each one (or a redirect) points.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace keygate {

struct image_location {
  bool tls = false;
  std::string host;         // a name, or an address (IPv6 without brackets)
  std::uint16_t port = 0;   // the scheme's default when the URL has none
  std::string target;       // path and query, never empty; the fragment is dropped
  std::string host_header;  // as the Host header wants it
  std::string url;          // the whole URL, normalized, for messages and redirects
};

// The location of an absolute http(s) URL, or why it is not one.
std::variant<image_location, std::string> parse_image_url(std::string_view url);
// Where a redirect's Location (absolute or relative) leads from `from`, or why it cannot be
// followed.
std::variant<image_location, std::string> redirect_location(const image_location& from,
                                                            std::string_view location);
// Whether the host may be fetched: any host when the list is empty, else one equal to an entry
// (case-insensitive), or a subdomain of a "*.domain" entry.
bool host_allowed(std::string_view host, const std::vector<std::string>& allowed_hosts);

}  // namespace keygate
