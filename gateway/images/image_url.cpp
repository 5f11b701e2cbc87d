#include "gateway/images/image_url.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cctype>
#include <charconv>

namespace keygate {

namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::variant<image_location, std::string> location_of(const boost::urls::url_view& u) {
  image_location out;
  const auto scheme = lowered(u.scheme());
  if (scheme == "https")
    out.tls = true;
  else if (scheme != "http")
    return std::string("only http and https image URLs can be downloaded");
  if (!u.has_authority() || u.host().empty()) return std::string("the image URL has no host");
  if (u.has_userinfo()) return std::string("the image URL must not hold credentials");
  out.host = lowered(u.host_address());
  const std::uint16_t default_port = out.tls ? 443 : 80;
  out.port = default_port;
  if (u.has_port()) {
    unsigned value = 0;
    auto digits = u.port();
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size() || value == 0 || value > 65535)
      return std::string("the image URL has an invalid port");
    out.port = static_cast<std::uint16_t>(value);
  }
  out.target = u.encoded_path().empty() ? "/" : std::string(u.encoded_path());
  if (u.has_query()) out.target += "?" + std::string(u.encoded_query());
  out.host_header = lowered(u.encoded_host());
  if (out.port != default_port) out.host_header += ":" + std::to_string(out.port);
  boost::urls::url whole(u);
  whole.remove_fragment();
  out.url = std::string(whole.buffer());
  return out;
}

}  // namespace

std::variant<image_location, std::string> parse_image_url(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return std::string("the image URL is not a valid absolute URL");
  return location_of(*parsed);
}

std::variant<image_location, std::string> redirect_location(const image_location& from,
                                                            std::string_view location) {
  if (location.empty()) return std::string("the redirect has no Location");
  auto base = boost::urls::parse_uri(from.url);
  auto reference = boost::urls::parse_uri_reference(location);
  if (!base || !reference) return std::string("the image server redirected to an invalid URL");
  boost::urls::url next;
  if (!boost::urls::resolve(*base, *reference, next))
    return std::string("the image server redirected to an invalid URL");
  return location_of(next);
}

bool host_allowed(std::string_view host, const std::vector<std::string>& allowed_hosts) {
  if (allowed_hosts.empty()) return true;
  auto name = lowered(host);
  if (name.ends_with('.')) name.pop_back();  // "example.com." is "example.com"
  for (const auto& entry : allowed_hosts) {
    const auto allowed = lowered(entry);
    if (allowed.starts_with("*.")) {
      const std::string_view domain = std::string_view(allowed).substr(1);  // ".example.com"
      if (name.size() > domain.size() && name.ends_with(domain)) return true;
    } else if (name == allowed) {
      return true;
    }
  }
  return false;
}

}  // namespace keygate
