// One JSON object written field by field straight into a string, for log lines: no intermediate
// values, one buffer. Keys are the caller's fixed ASCII names and are written as given.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>

namespace keygate {

class json_line {
 public:
  // An access line is 600-800 bytes: one allocation holds it.
  explicit json_line(std::size_t capacity = 1024);

  json_line& field(std::string_view key, std::string_view value);
  json_line& field(std::string_view key, const char* value) {
    return field(key, std::string_view(value));
  }
  json_line& field(std::string_view key, bool value);
  json_line& field(std::string_view key, double value);
  template <std::integral Integer>
  requires(!std::same_as<Integer, bool>) json_line& field(std::string_view key, Integer value) {
    if constexpr (std::is_signed_v<Integer>)
      return signed_field(key, value);
    else
      return unsigned_field(key, value);
  }
  json_line& null_field(std::string_view key);
  // A nested object: its fields follow until close_object().
  json_line& open_object(std::string_view key);
  json_line& close_object();

  // The object, closed; the line is spent.
  std::string finish() &&;

 private:
  void key(std::string_view name);
  json_line& signed_field(std::string_view key, std::int64_t value);
  json_line& unsigned_field(std::string_view key, std::uint64_t value);

  std::string text_;
  bool first_in_object_ = true;
};

// Appends text as the body of a JSON string, escaped as boost::json::serialize escapes it: `"`,
// `\` and control characters; bytes from 0x80 on are copied as they are (UTF-8 stays readable,
// and invalid UTF-8 is passed through, not repaired).
void append_json_escaped(std::string& out, std::string_view text);

}  // namespace keygate
