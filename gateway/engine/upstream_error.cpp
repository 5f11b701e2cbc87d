#include "gateway/engine/upstream_error.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

namespace keygate {

namespace {

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !(value >= 0)) return std::nullopt;
  return value;
}

// Upstream numbers such as "1e300" or "inf" must not overflow the conversion to an integer.
std::chrono::milliseconds whole_ms(double ms) {
  return std::chrono::milliseconds(static_cast<long long>(std::min(ms, 1e15)));
}

std::chrono::milliseconds until(std::chrono::system_clock::time_point at) {
  auto delta = at - std::chrono::system_clock::now();
  return std::max(std::chrono::milliseconds(0),
                  std::chrono::duration_cast<std::chrono::milliseconds>(delta));
}

std::optional<std::chrono::milliseconds> parse_http_date(std::string_view text) {
  std::tm tm{};
  std::string copy(text);
  if (!strptime(copy.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm)) return std::nullopt;
  return until(std::chrono::system_clock::from_time_t(timegm(&tm)));
}

// Anthropic resets per limit kind. A limit that is spent ("remaining: 0") is the one to wait for;
// when the headers do not say which, the latest reset is the safe one.
std::optional<std::chrono::milliseconds> anthropic_reset(
    const boost::beast::http::fields& headers) {
  std::optional<std::chrono::milliseconds> spent, any;
  for (const char* kind : {"requests", "tokens", "input-tokens", "output-tokens"}) {
    const std::string prefix = std::string("anthropic-ratelimit-") + kind;
    auto reset = headers.find(prefix + "-reset");
    if (reset == headers.end()) continue;
    auto at = parse_rfc3339(reset->value());
    if (!at) continue;
    const auto wait = until(*at);
    if (!any || wait > *any) any = wait;
    auto remaining = headers.find(prefix + "-remaining");
    if (remaining != headers.end() && remaining->value() == "0" && (!spent || wait > *spent))
      spent = wait;
  }
  return spent ? spent : any;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text) {
  std::tm tm{};
  std::string copy(text);
  const char* rest = strptime(copy.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (!rest) return std::nullopt;
  // system_clock counts nanoseconds in 64 bits: years past 2262 would overflow it. No upstream
  // time is meant to lie outside 1970 to 2200.
  if (tm.tm_year < 70 || tm.tm_year > 300) return std::nullopt;
  double fraction = 0;
  if (*rest == '.') {
    const char* digits = rest;
    while (std::isdigit(static_cast<unsigned char>(*++rest))) {
    }
    fraction = std::strtod(std::string(digits, rest).c_str(), nullptr);
  }
  long offset_seconds = 0;
  if (*rest == 'Z' || *rest == 'z') {
    ++rest;
  } else if ((*rest == '+' || *rest == '-') && std::strlen(rest) == 6 && rest[3] == ':') {
    const int hours = std::atoi(std::string(rest + 1, 2).c_str());
    const int minutes = std::atoi(rest + 4);
    offset_seconds = (*rest == '-' ? -1 : 1) * (hours * 3600L + minutes * 60L);
    rest += 6;
  } else {
    return std::nullopt;
  }
  if (*rest != '\0') return std::nullopt;
  auto at = std::chrono::system_clock::from_time_t(timegm(&tm) - offset_seconds);
  return at + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                  std::chrono::duration<double>(fraction));
}

int client_status_for_upstream(int status) {
  switch (status) {
    case 529:
      return 503;
    case 424:
      return 502;
    case 498:
      return 401;
    case 499:
      return 502;
    default:
      return status >= 400 && status <= 599 ? status : 502;
  }
}

openai_error default_upstream_error(int upstream_status) {
  const int status = client_status_for_upstream(upstream_status);
  openai_error e{status,
                 "The upstream provider returned HTTP " + std::to_string(upstream_status) + ".",
                 std::string(error_type_for_status(status)), std::nullopt, std::nullopt};
  switch (status) {
    case 401:
      e.code = "invalid_api_key";
      break;
    case 404:
      e.code = "model_not_found";
      break;
    case 413:
      e.code = "request_too_large";
      break;
    case 429:
      e.code = "rate_limit_exceeded";
      break;
    case 503:
      e.code = "overloaded";
      break;
    default:
      break;
  }
  return e;
}

std::optional<std::chrono::milliseconds> parse_go_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double total_ms = 0;
  while (!text.empty()) {
    std::size_t digits = 0;
    while (digits < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.'))
      ++digits;
    if (digits == 0) return std::nullopt;
    auto number = parse_number(text.substr(0, digits));
    if (!number) return std::nullopt;
    text.remove_prefix(digits);
    std::size_t unit_len = 0;
    // Bytes past ASCII belong to the unit too: Go writes microseconds as "µs".
    while (unit_len < text.size() && (std::isalpha(static_cast<unsigned char>(text[unit_len])) ||
                                      static_cast<unsigned char>(text[unit_len]) >= 0x80))
      ++unit_len;
    std::string_view unit = text.substr(0, unit_len);
    text.remove_prefix(unit_len);
    if (unit == "ms")
      total_ms += *number;
    else if (unit == "s")
      total_ms += *number * 1000;
    else if (unit == "m")
      total_ms += *number * 60'000;
    else if (unit == "h")
      total_ms += *number * 3'600'000;
    else if (unit == "us" || unit == "µs")
      total_ms += *number / 1000;
    else
      return std::nullopt;
  }
  return whole_ms(total_ms + 0.5);
}

std::optional<std::chrono::milliseconds> upstream_retry_after(
    const boost::beast::http::fields& headers) {
  if (auto it = headers.find("retry-after-ms"); it != headers.end())
    if (auto ms = parse_number(it->value())) return whole_ms(*ms);
  if (auto it = headers.find("retry-after"); it != headers.end()) {
    if (auto seconds = parse_number(it->value())) return whole_ms(*seconds * 1000);
    if (auto delay = parse_http_date(it->value())) return delay;
  }
  if (auto reset = anthropic_reset(headers)) return reset;
  std::optional<std::chrono::milliseconds> longest;
  for (const char* name : {"x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"})
    if (auto it = headers.find(name); it != headers.end())
      if (auto d = parse_go_duration(it->value()); d && (!longest || *d > *longest)) longest = d;
  return longest;
}

openai_error transport_error(upstream_failure failure, std::string_view detail) {
  std::string message(describe(failure));
  if (!detail.empty()) message += " (" + std::string(detail) + ")";
  message += ".";
  if (is_timeout(failure))
    return {504, std::move(message), "timeout_error", std::nullopt,
            std::string("upstream_timeout")};
  return {502, std::move(message), "server_error", std::nullopt,
          std::string(failure == upstream_failure::connection_lost ? "upstream_connection_lost"
                                                                   : "upstream_unreachable")};
}

openai_error invalid_upstream_answer(std::string_view what) {
  return {502, "The upstream sent " + std::string(what) + ".", "server_error", std::nullopt,
          std::string("upstream_invalid_response")};
}

}  // namespace keygate
