#include "gateway/console/json_fields.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/console/api_error.hpp"

namespace keygate::console {

boost::json::object parse_object(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
  boost::system::error_code ec;
  auto value = boost::json::parse(body, ec);
  if (ec) throw api_failure(bad_request("The body is not valid JSON: " + ec.message() + "."));
  if (!value.is_object()) throw api_failure(bad_request("The body must be a JSON object."));
  return std::move(value.as_object());
}

std::optional<std::optional<std::string>> nullable_string(const boost::json::object& object,
                                                          std::string_view field) {
  const auto* value = object.if_contains(field);
  if (!value) return std::nullopt;
  if (value->is_null()) return std::optional<std::string>();
  if (!value->is_string())
    throw api_failure(bad_request(std::string(field) + " must be a string or null."));
  return std::optional<std::string>(std::string(value->as_string()));
}

std::optional<std::string> optional_string(const boost::json::object& object,
                                           std::string_view field) {
  const auto* value = object.if_contains(field);
  if (!value) return std::nullopt;
  if (!value->is_string())
    throw api_failure(bad_request(std::string(field) + " must be a string."));
  return std::string(value->as_string());
}

std::int64_t to_int64(const boost::json::value& value) {
  if (value.is_int64()) return value.as_int64();
  if (value.is_uint64()) return static_cast<std::int64_t>(value.as_uint64());
  if (value.is_double()) return static_cast<std::int64_t>(value.as_double());
  return 0;
}

std::string to_text(const boost::json::value& value) {
  return boost::json::serialize(value);
}

boost::json::value from_text(std::string_view text) {
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  return ec ? boost::json::value(nullptr) : value;
}

}  // namespace keygate::console
