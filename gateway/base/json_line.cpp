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

}  // namespace

void append_json_escaped(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::size_t plain_from = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const char escape = c < 0x80 ? escape_of(c) : 0;
    if (!escape) continue;
    out.append(text.data() + plain_from, i - plain_from);
    plain_from = i + 1;
    if (escape == 'u') {
      const char unicode[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
      out.append(unicode, sizeof unicode);
    } else {
      const char short_escape[] = {'\\', escape};
      out.append(short_escape, sizeof short_escape);
    }
  }
  out.append(text.data() + plain_from, text.size() - plain_from);
}

json_line::json_line(std::size_t capacity) {
  text_.reserve(capacity);
  text_.push_back('{');
}

void json_line::key(std::string_view name) {
  // `,"name":` in one append: each append is a capacity check, and a line has ~30 keys.
  char piece[64];
  if (name.size() + 4 > sizeof piece) {
    text_.append(first_in_object_ ? "\"" : ",\"").append(name).append("\":");
  } else {
    char* at = piece;
    if (!first_in_object_) *at++ = ',';
    *at++ = '"';
    at = std::copy(name.begin(), name.end(), at);
    *at++ = '"';
    *at++ = ':';
    text_.append(piece, at);
  }
  first_in_object_ = false;
}

json_line& json_line::field(std::string_view key, std::string_view value) {
  this->key(key);
  text_.push_back('"');
  append_json_escaped(text_, value);
  text_.push_back('"');
  return *this;
}

json_line& json_line::field(std::string_view key, bool value) {
  this->key(key);
  text_.append(value ? "true" : "false");
  return *this;
}

json_line& json_line::field(std::string_view key, double value) {
  this->key(key);
  // JSON has no NaN or infinity.
  if (!std::isfinite(value)) {
    text_.append("null");
    return *this;
  }
  // The shortest form that reads back as the same double, fixed where that is as short:
  // "0.000915" and "2823.005", as a person reads a log, rather than "9.15E-4" and "2.823005E3".
  char digits[32];
  text_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  return *this;
}

json_line& json_line::signed_field(std::string_view key, std::int64_t value) {
  this->key(key);
  char digits[24];
  text_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  return *this;
}

json_line& json_line::unsigned_field(std::string_view key, std::uint64_t value) {
  this->key(key);
  char digits[24];
  text_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  return *this;
}

json_line& json_line::null_field(std::string_view key) {
  this->key(key);
  text_.append("null", 4);
  return *this;
}

json_line& json_line::open_object(std::string_view key) {
  this->key(key);
  text_.push_back('{');
  first_in_object_ = true;
  return *this;
}

json_line& json_line::close_object() {
  text_.push_back('}');
  first_in_object_ = false;
  return *this;
}

std::string json_line::finish() && {
  text_.push_back('}');
  return std::move(text_);
}

}  // namespace keygate
