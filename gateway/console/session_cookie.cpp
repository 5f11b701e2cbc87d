#include "gateway/console/session_cookie.hpp"

#include "gateway/console/text_util.hpp"

namespace keygate::console {

namespace {

std::string attributes(bool secure) {
  return std::string("; HttpOnly; SameSite=Strict; Path=/") + (secure ? "; Secure" : "");
}

}  // namespace

std::optional<std::string_view> find_session_cookie(std::string_view header) {
  while (!header.empty()) {
    const auto end = header.find(';');
    const std::string_view pair = trim_blanks(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos ||
        trim_blanks(pair.substr(0, equals)) != session_cookie_name)
      continue;
    std::string_view value = trim_blanks(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (!value.empty()) return value;
  }
  return std::nullopt;
}

std::optional<std::string_view> session_cookie_of(const http_request& request) {
  const auto [begin, end] = request.equal_range(http::field::cookie);
  for (auto it = begin; it != end; ++it)
    if (auto value = find_session_cookie(it->value())) return value;
  return std::nullopt;
}

std::string session_set_cookie(std::string_view token, bool secure) {
  return std::string(session_cookie_name) + "=" + std::string(token) + attributes(secure) +
         "; Max-Age=" + std::to_string(session_max_age_seconds);
}

std::string session_clear_cookie(bool secure) {
  return std::string(session_cookie_name) + "=" + attributes(secure) + "; Max-Age=0";
}

}  // namespace keygate::console
