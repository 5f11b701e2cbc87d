#include "gateway/console/csrf.hpp"

#include <algorithm>
#include <cctype>

#include "gateway/base/key_hash.hpp"

namespace keygate::console {

namespace {

bool same_text_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// "https://host:port" → "host:port"; the default port is dropped as a Host header drops it.
std::string_view origin_authority(std::string_view origin, bool& default_port) {
  const auto scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const std::string_view scheme = origin.substr(0, scheme_end);
  std::string_view authority = origin.substr(scheme_end + 3);
  if (authority.find('/') != std::string_view::npos) return {};
  default_port = (same_text_ignoring_case(scheme, "http") && authority.ends_with(":80")) ||
                 (same_text_ignoring_case(scheme, "https") && authority.ends_with(":443"));
  if (default_port) authority = authority.substr(0, authority.rfind(':'));
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
  bool default_port = false;
  const std::string_view authority = origin_authority(origin->value(), default_port);
  if (authority.empty()) return false;
  std::string_view host_value = host->value();
  if (default_port && host_value.ends_with(":80")) host_value.remove_suffix(3);
  if (default_port && host_value.ends_with(":443")) host_value.remove_suffix(4);
  return same_text_ignoring_case(authority, host_value);
}

}  // namespace keygate::console
