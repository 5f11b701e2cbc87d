// Small readers for Boost.JSON objects, shared by the translators: a missing key and a null value
// read the same.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>

namespace keygate::json_fields {

inline const boost::json::value* find(const boost::json::object& object, std::string_view key) {
  auto it = object.find(key);
  return it == object.end() || it->value().is_null() ? nullptr : &it->value();
}

inline std::string_view string_at(const boost::json::object& object, std::string_view key) {
  const auto* value = find(object, key);
  return value && value->is_string() ? std::string_view(value->get_string()) : std::string_view();
}

inline const boost::json::object& object_at(const boost::json::object& object,
                                            std::string_view key) {
  static const boost::json::object empty;
  const auto* value = find(object, key);
  return value && value->is_object() ? value->get_object() : empty;
}

inline bool is_true(const boost::json::value* value) {
  return value && value->is_bool() && value->get_bool();
}

inline std::optional<double> number(const boost::json::value* value) {
  if (!value) return std::nullopt;
  if (value->is_double()) return value->get_double();
  if (value->is_int64()) return static_cast<double>(value->get_int64());
  if (value->is_uint64()) return static_cast<double>(value->get_uint64());
  return std::nullopt;
}

// A count an upstream reports (tokens): a number from 0 to 2^53, else 0. Converting a larger
// double to an integer is undefined behaviour, and no real count comes near.
inline std::int64_t count_at(const boost::json::object& object, std::string_view key) {
  auto n = number(find(object, key));
  return n && *n >= 0 && *n <= 9007199254740992.0 ? static_cast<std::int64_t>(*n) : 0;
}

// A whole number from 1 to 2^53 (every such integer is exact in a double), else nullopt: the
// check comes before the conversion, which is undefined behaviour for a double out of range.
inline std::optional<std::int64_t> positive_integer(const boost::json::value* value) {
  auto n = number(value);
  if (!n || !(*n >= 1 && *n <= 9007199254740992.0) || *n != std::trunc(*n)) return std::nullopt;
  return static_cast<std::int64_t>(*n);
}

}  // namespace keygate::json_fields
