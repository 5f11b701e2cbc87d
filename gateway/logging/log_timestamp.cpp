#include "gateway/logging/log_timestamp.hpp"

namespace keygate {

namespace {

// Writes value's last `width` decimal digits, zero-padded, and returns the next position.
char* digits(char* at, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    at[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return at + width;
}

}  // namespace

// By calendar arithmetic rather than gmtime_r + strftime + snprintf, which cost several times
// as much on every log line.
std::string_view format_log_timestamp(std::chrono::system_clock::time_point time,
                                      log_timestamp_text& text) {
  using namespace std::chrono;
  const auto ms = floor<milliseconds>(time);
  const auto day = floor<days>(ms);
  const year_month_day date{day};
  const hh_mm_ss clock{ms - day};
  char* at = text;
  at = digits(at, static_cast<unsigned>(static_cast<int>(date.year())), 4);
  *at++ = '-';
  at = digits(at, static_cast<unsigned>(date.month()), 2);
  *at++ = '-';
  at = digits(at, static_cast<unsigned>(date.day()), 2);
  *at++ = 'T';
  at = digits(at, static_cast<unsigned>(clock.hours().count()), 2);
  *at++ = ':';
  at = digits(at, static_cast<unsigned>(clock.minutes().count()), 2);
  *at++ = ':';
  at = digits(at, static_cast<unsigned>(clock.seconds().count()), 2);
  *at++ = '.';
  at = digits(at, static_cast<unsigned>(clock.subseconds().count()), 3);
  *at++ = 'Z';
  return {text, static_cast<std::size_t>(at - text)};
}

}  // namespace keygate
