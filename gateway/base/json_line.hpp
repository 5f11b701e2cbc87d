// One JSON object written field by field straight into a string, for log lines: no intermediate
// values, one buffer. Keys are the caller's fixed ASCII names and are written as given.
#pragma once

#include <chrono>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace keygate {

class json_line {
 public:
  // An access line is 600-800 bytes: one allocation holds it.
  explicit json_line(std::size_t capacity = 1024);

  // The field writers are inline so that a literal key's `,"key":` is copied with its length
  // known at compile time; each value is written by one out-of-line call.
  json_line& field(std::string_view key, std::string_view value) {
    this->key(key);
    string_value(value);
    return *this;
  }
  json_line& field(std::string_view key, const char* value) {
    return field(key, std::string_view(value));
  }
  json_line& field(std::string_view key, bool value) {
    this->key(key);
    if (value)
      raw("true", 4);
    else
      raw("false", 5);
    return *this;
  }
  json_line& field(std::string_view key, double value) {
    this->key(key);
    double_value(value);
    return *this;
  }
  template <std::integral Integer>
  requires(!std::same_as<Integer, bool>) json_line& field(std::string_view key, Integer value) {
    this->key(key);
    if constexpr (std::is_signed_v<Integer>)
      signed_value(value);
    else
      unsigned_value(value);
    return *this;
  }
  // A duration in milliseconds with its microseconds as decimals, written exactly as
  // field(key, micros / 1000.0) writes it ("12.5", "0.031", "2").
  json_line& millis_field(std::string_view key, std::chrono::microseconds micros) {
    this->key(key);
    millis_value(micros.count());
    return *this;
  }
  json_line& null_field(std::string_view key) {
    this->key(key);
    raw("null", 4);
    return *this;
  }
  // A nested object: its fields follow until close_object().
  json_line& open_object(std::string_view key) {
    this->key(key);
    raw("{", 1);
    first_in_object_ = true;
    return *this;
  }
  json_line& close_object() {
    raw("}", 1);
    first_in_object_ = false;
    return *this;
  }

  // The object, closed; the line is spent.
  std::string finish() &&;

 private:
  // Room for `bytes` more at the end of the line.
  char* room(std::size_t bytes) {
    if (text_.size() - used_ < bytes) grow(bytes);
    return text_.data() + used_;
  }
  void raw(const char* bytes, std::size_t size) {
    std::memcpy(room(size), bytes, size);
    used_ += size;
  }
  void key(std::string_view name) {
    char* at = room(name.size() + 4);
    *at = ',';
    at += first_in_object_ ? 0 : 1;
    *at++ = '"';
    std::memcpy(at, name.data(), name.size());
    at += name.size();
    *at++ = '"';
    *at++ = ':';
    used_ = static_cast<std::size_t>(at - text_.data());
    first_in_object_ = false;
  }
  void grow(std::size_t bytes);
  void string_value(std::string_view value);
  void double_value(double value);
  void signed_value(std::int64_t value);
  void unsigned_value(std::uint64_t value);
  void millis_value(std::int64_t micros);

  std::string text_;  // sized to its capacity; the line is its first used_ bytes
  std::size_t used_ = 0;
  bool first_in_object_ = true;
};

// Appends text as the body of a JSON string, escaped as boost::json::serialize escapes it: `"`,
// `\` and control characters; bytes from 0x80 on are copied as they are (UTF-8 stays readable,
// and invalid UTF-8 is passed through, not repaired).
void append_json_escaped(std::string& out, std::string_view text);

}  // namespace keygate
