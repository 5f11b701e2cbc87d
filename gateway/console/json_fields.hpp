// Reading the console API's JSON bodies: a parse that answers 400 instead of throwing past the
// handler, and typed fields whose errors name the field.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace keygate::console {

// The body as a JSON object; throws api_failure (400) naming what is wrong. An empty body is {}.
boost::json::object parse_object(std::string_view body);

// A field that may be absent (nullopt), null (a value holding nullopt) or a string; any other type
// throws api_failure (400) naming the field.
std::optional<std::optional<std::string>> nullable_string(const boost::json::object& object,
                                                          std::string_view field);
// A string field that may be absent; null or another type throws.
std::optional<std::string> optional_string(const boost::json::object& object,
                                           std::string_view field);

// Milliseconds from a number; 0 for anything else.
std::int64_t to_int64(const boost::json::value& value);

// The text or number, or null.
inline boost::json::value json_or_null(const std::optional<std::string>& text) {
  return text ? boost::json::value(*text) : boost::json::value(nullptr);
}
inline boost::json::value json_or_null(const std::optional<double>& number) {
  return number ? boost::json::value(*number) : boost::json::value(nullptr);
}

// A JSON value as compact text.
std::string to_text(const boost::json::value& value);
// Text stored by to_text back as a value; null when it does not parse.
boost::json::value from_text(std::string_view text);

}  // namespace keygate::console
