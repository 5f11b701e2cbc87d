#include "gateway/config/endpoint.hpp"

#include <boost/url/parse.hpp>
#include <charconv>
#include <stdexcept>

namespace keygate {

upstream_endpoint upstream_endpoint::parse(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) throw std::invalid_argument("not an absolute URL");
  const auto& u = *parsed;
  upstream_endpoint ep;
  if (u.scheme() == "https")
    ep.tls = true;
  else if (u.scheme() != "http")
    throw std::invalid_argument("the scheme must be http or https");
  if (!u.has_authority() || u.host().empty()) throw std::invalid_argument("the URL has no host");
  if (u.has_userinfo()) throw std::invalid_argument("credentials do not belong in the URL");
  if (u.has_query() || u.has_fragment())
    throw std::invalid_argument("the URL must not have a query or fragment");
  ep.host = u.host_address();
  const std::uint16_t default_port = ep.tls ? 443 : 80;
  ep.port = default_port;
  if (u.has_port()) {
    // port_number() wraps values past 65535 (99999 would become 34463): check the digits.
    unsigned value = 0;
    auto digits = u.port();
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size() || value == 0 || value > 65535)
      throw std::invalid_argument("invalid port");
    ep.port = static_cast<std::uint16_t>(value);
  }
  ep.base_path = u.encoded_path();
  while (!ep.base_path.empty() && ep.base_path.back() == '/') ep.base_path.pop_back();
  std::string host_literal(u.encoded_host_and_port());
  ep.host_header = ep.port == default_port ? std::string(u.encoded_host()) : host_literal;
  ep.pool_key = (ep.tls ? "https://" : "http://") + ep.host + ":" + std::to_string(ep.port);
  return ep;
}

void upstream_endpoint::skip_verification() {
  if (!tls || !verify_tls) return;
  verify_tls = false;
  pool_key += " unverified";
}

}  // namespace keygate
