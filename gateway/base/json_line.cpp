#include "gateway/base/json_line.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace keygate {

namespace {

// What each byte below 0x80 becomes inside a JSON string: 0 for itself, 'u' for \u00XX, or the
// letter of its short escape.
constexpr char escape_of(unsigned char c) {
  switch (c) {
    case '"':
      return '"';
    case '\\':
      return '\\';
    case '\b':
      return 'b';
    case '\f':
      return 'f';
    case '\n':
      return 'n';
    case '\r':
      return 'r';
    case '\t':
      return 't';
    default:
      return c < 0x20 ? 'u' : 0;
  }
}

// Whether any of the 8 bytes in `word` needs an escape: below 0x20, '"' or '\'. Bit tricks on the
// whole word (a byte at or above 0x80 never matches), so plain text is checked 8 bytes at a time.
bool word_needs_escape(std::uint64_t word) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
  const std::uint64_t below_space = (word - ones * 0x20) & ~word & highs;
  return (below_space | has_zero_byte(word ^ (ones * '"')) | has_zero_byte(word ^ (ones * '\\'))) !=
         0;
}

// The length of text's leading run that needs no escape.
std::size_t plain_prefix(std::string_view text) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (word_needs_escape(word)) break;
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && escape_of(c)) break;
  }
  return i;
}

// Writes text escaped at `out` (room for 6 bytes a byte) and returns the end.
char* write_escaped(char* out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  while (!text.empty()) {
    const std::size_t plain = plain_prefix(text);
    out = std::copy_n(text.data(), plain, out);
    text.remove_prefix(plain);
    if (text.empty()) break;
    const auto c = static_cast<unsigned char>(text.front());
    text.remove_prefix(1);
    const char escape = escape_of(c);
    *out++ = '\\';
    if (escape == 'u') {
      const char unicode[] = {'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
      out = std::copy_n(unicode, sizeof unicode, out);
    } else {
      *out++ = escape;
    }
  }
  return out;
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view text) {
  const std::size_t plain = plain_prefix(text);
  if (plain == text.size()) {
    out.append(text);
    return;
  }
  const std::size_t start = out.size();
  out.resize(start + plain + (text.size() - plain) * 6);
  char* end = write_escaped(out.data() + start, text);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

json_line::json_line(std::size_t capacity) {
  text_.resize(std::max<std::size_t>(capacity, 16));
  text_[0] = '{';
  used_ = 1;
}

void json_line::grow(std::size_t bytes) {
  text_.resize(std::max(text_.size() * 2, used_ + bytes));
}

void json_line::string_value(std::string_view value) {
  const std::size_t plain = plain_prefix(value);
  if (plain == value.size()) {
    char* at = room(value.size() + 2);
    *at++ = '"';
    at = std::copy_n(value.data(), value.size(), at);
    *at = '"';
    used_ += value.size() + 2;
    return;
  }
  char* at = room(plain + (value.size() - plain) * 6 + 2);
  *at++ = '"';
  at = write_escaped(at, value);
  *at++ = '"';
  used_ = static_cast<std::size_t>(at - text_.data());
}

void json_line::double_value(double value) {
  // JSON has no NaN or infinity.
  if (!std::isfinite(value)) {
    raw("null", 4);
    return;
  }
  // The shortest form that reads back as the same double, fixed where that is as short:
  // "0.000915" and "2823.005", as a person reads a log, rather than "9.15E-4" and "2.823005E3".
  char* at = room(32);
  used_ = static_cast<std::size_t>(std::to_chars(at, at + 32, value).ptr - text_.data());
}

void json_line::signed_value(std::int64_t value) {
  char* at = room(24);
  used_ = static_cast<std::size_t>(std::to_chars(at, at + 24, value).ptr - text_.data());
}

void json_line::unsigned_value(std::uint64_t value) {
  char* at = room(24);
  used_ = static_cast<std::size_t>(std::to_chars(at, at + 24, value).ptr - text_.data());
}

void json_line::millis_value(std::int64_t micros) {
  // Below 100 s, micros / 1000.0 is shortest written as the decimal itself, in fixed notation:
  // its digits straight from the integer. From 100000 ms on, to_chars may choose "1e+05".
  if (micros < 0 || micros >= 100'000'000) {
    double_value(static_cast<double>(micros) / 1000);
    return;
  }
  char* at = room(24);
  at = std::to_chars(at, at + 24, micros / 1000).ptr;
  if (int fraction = static_cast<int>(micros % 1000); fraction != 0) {
    char digits[3] = {static_cast<char>('0' + fraction / 100),
                      static_cast<char>('0' + fraction / 10 % 10),
                      static_cast<char>('0' + fraction % 10)};
    std::size_t shown = 3;
    while (digits[shown - 1] == '0') --shown;
    *at++ = '.';
    at = std::copy_n(digits, shown, at);
  }
  used_ = static_cast<std::size_t>(at - text_.data());
}

std::string json_line::finish() && {
  raw("}", 1);
  text_.resize(used_);
  return std::move(text_);
}

}  // namespace keygate
