#include "gateway/upstream/request_head.hpp"

#include <boost/beast/core/string.hpp>
#include <charconv>
#include <optional>

namespace keygate {

namespace {

namespace http = boost::beast::http;

std::optional<std::uint64_t> content_length(const upstream_request& request) {
  if (!request.body_pieces.empty()) {
    std::uint64_t length = 0;
    for (const auto piece : request.body_pieces) length += piece.size();
    return length;
  }
  if (!request.body.empty() || request.method == http::verb::post ||
      request.method == http::verb::put || request.method == http::verb::options)
    return request.body.size();
  return std::nullopt;
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ", 2).append(value).append("\r\n", 2);
}

}  // namespace

std::string upstream_request_head(const upstream_request& request, std::string_view host,
                                  std::string_view default_user_agent) {
  std::string out;
  out.reserve(256 + request.target.size());
  const auto method = http::to_string(request.method);
  out.append(method.data(), method.size()).push_back(' ');
  out.append(request.target).append(" HTTP/1.1\r\n", 11);
  bool has_user_agent = false;
  for (const auto& field : request.headers) {
    const auto name = field.name_string();
    const auto value = field.value();
    switch (field.name()) {
      case http::field::host:
      case http::field::content_length:
      case http::field::transfer_encoding:
        continue;
      case http::field::connection:
        if (boost::beast::iequals(value, "close")) continue;
        break;
      case http::field::user_agent:
        has_user_agent = true;
        break;
      default:
        break;
    }
    append_field(out, std::string_view(name.data(), name.size()),
                 std::string_view(value.data(), value.size()));
  }
  append_field(out, "Host", host);
  if (!has_user_agent) append_field(out, "User-Agent", default_user_agent);
  if (const auto length = content_length(request)) {
    char digits[24];
    append_field(
        out, "Content-Length",
        std::string_view(digits, std::to_chars(digits, digits + sizeof digits, *length).ptr));
  }
  out.append("\r\n", 2);
  return out;
}

}  // namespace keygate
