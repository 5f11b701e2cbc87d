#include "gateway/console/csrf.hpp"

#include <algorithm>
#include <cctype>

#include "gateway/base/key_hash.hpp"
#include "gateway/console/text_util.hpp"

namespace keygate::console {

namespace {

// "host:port" without the scheme's default port, as a Host header may or may not write it.
std::string_view without_default_port(std::string_view authority, bool https) {
  const std::string_view port = https ? ":443" : ":80";
  if (authority.ends_with(port)) authority.remove_suffix(port.size());
  return authority;
}

}  // namespace

bool needs_csrf_token(http::verb method) {
  return method != http::verb::get && method != http::verb::head;
}

bool csrf_token_matches(const http_request& request, std::string_view expected) {
  auto it = request.find("x-csrf-token");
  if (it == request.end() || expected.empty()) return false;
  return constant_time_equal(it->value(), expected);
}

bool origin_matches_host(const http_request& request) {
  auto origin = request.find(http::field::origin);
  if (origin == request.end()) return true;
  auto host = request.find(http::field::host);
  if (host == request.end()) return false;
  const std::string_view value = origin->value();
  const auto scheme_end = value.find("://");
  if (scheme_end == std::string_view::npos) return false;  // "null", or not an origin
  const std::string_view scheme = value.substr(0, scheme_end);
  const bool https = equals_ignoring_case(scheme, "https");
  if (!https && !equals_ignoring_case(scheme, "http")) return false;
  const std::string_view authority = value.substr(scheme_end + 3);
  if (authority.empty() || authority.find('/') != std::string_view::npos) return false;
  return equals_ignoring_case(without_default_port(authority, https),
                              without_default_port(host->value(), https));
}

}  // namespace keygate::console
