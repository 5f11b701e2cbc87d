#include "gateway/cli/expiry.hpp"

#include <charconv>
#include <ctime>
#include <string>

namespace keygate::cli {

namespace {

std::optional<std::int64_t> number(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

std::optional<std::int64_t> utc_ms(std::string_view text) {
  std::tm tm{};
  const std::string s(text);
  const char* end = nullptr;
  if (s.size() == 10) {
    end = strptime(s.c_str(), "%Y-%m-%d", &tm);
  } else if (!s.empty() && s.back() == 'Z') {
    end = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (!end || *end) {
      tm = {};
      end = strptime(s.c_str(), "%Y-%m-%dT%H:%MZ", &tm);
    }
  }
  if (!end || *end) return std::nullopt;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

}  // namespace

std::optional<std::int64_t> parse_expiry(std::string_view text, std::int64_t now_ms) {
  if (text.size() >= 2) {
    const char unit = text.back();
    const std::int64_t unit_ms = unit == 'd'   ? 86'400'000
                                 : unit == 'h' ? 3'600'000
                                 : unit == 'm' ? 60'000
                                               : 0;
    if (unit_ms)
      if (auto n = number(text.substr(0, text.size() - 1)); n && *n > 0)
        return now_ms + *n * unit_ms;
  }
  if (auto ms = number(text); ms && text.size() >= 12) return *ms;
  return utc_ms(text);
}

std::string format_utc_minute(std::int64_t unix_ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%MZ", &tm);
  return text;
}

}  // namespace keygate::cli
