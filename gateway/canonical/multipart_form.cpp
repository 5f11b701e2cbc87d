#include "gateway/canonical/multipart_form.hpp"

#include <algorithm>
#include <cctype>

namespace keygate {

namespace multipart_detail {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of `param` in a header's parameters (`; name="file"`), quotes removed.
std::optional<std::string_view> parameter(std::string_view header, std::string_view param) {
  std::size_t at = header.find(';');
  while (at != std::string_view::npos) {
    const std::size_t next = header.find(';', at + 1);
    std::string_view item = trim(header.substr(
        at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1));
    const auto eq = item.find('=');
    if (eq != std::string_view::npos && iequals(trim(item.substr(0, eq)), param)) {
      std::string_view value = trim(item.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"') {
        // A quoted value may hold ';': take it to its closing quote.
        const std::size_t start = static_cast<std::size_t>(value.data() - header.data()) + 1;
        const std::size_t close = header.find('"', start);
        if (close == std::string_view::npos) return std::nullopt;
        return header.substr(start, close - start);
      }
      return value;
    }
    at = next;
  }
  return std::nullopt;
}

std::optional<std::string> read_headers(std::string_view headers, multipart_part& part) {
  bool disposition = false;
  while (!headers.empty()) {
    const auto end = headers.find("\r\n");
    const std::string_view line = headers.substr(0, end);
    headers = end == std::string_view::npos ? std::string_view() : headers.substr(end + 2);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return "a part header without a colon";
    const std::string_view name = trim(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "content-disposition")) {
      disposition = true;
      if (auto field = parameter(value, "name")) part.name = *field;
      if (auto file = parameter(value, "filename")) {
        part.filename = *file;
        part.has_filename = true;
      }
    } else if (iequals(name, "content-type")) {
      part.content_type = value;
    }
  }
  if (!disposition) return "a part without Content-Disposition";
  return std::nullopt;
}

}  // namespace multipart_detail

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  if (!multipart_detail::iequals(multipart_detail::trim(content_type.substr(0, semicolon)),
                                 "multipart/form-data"))
    return std::nullopt;
  auto boundary = multipart_detail::parameter(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  return std::string(*boundary);
}

std::optional<std::string> read_multipart(std::string_view body, std::string_view boundary,
                                          std::vector<multipart_part>& parts) {
  parts.clear();
  const std::string delimiter = "--" + std::string(boundary);
  // The first delimiter may follow a preamble; later ones follow a CRLF.
  std::size_t at = 0;
  if (!body.starts_with(delimiter)) {
    at = body.find("\r\n" + delimiter);
    if (at == std::string_view::npos) return "no part boundary";
    at += 2;
  }
  const std::string next_delimiter = "\r\n" + delimiter;
  while (true) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") return std::nullopt;  // the closing delimiter
    // Transport padding, then the CRLF that ends the delimiter line.
    while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
    if (body.substr(at, 2) != "\r\n") return "a boundary line that does not end in CRLF";
    at += 2;
    const auto head_end = body.find("\r\n\r\n", at);
    // A part may have no headers at all: then its body starts right away (not for form data).
    if (head_end == std::string_view::npos)
      return "a part without the blank line after its headers";
    multipart_part part;
    if (auto error = multipart_detail::read_headers(body.substr(at, head_end - at), part))
      return error;
    const std::size_t value_start = head_end + 4;
    const auto value_end = body.find(next_delimiter, value_start);
    if (value_end == std::string_view::npos) return "a body that ends inside a part";
    part.value = body.substr(value_start, value_end - value_start);
    part.value_offset = value_start;
    parts.push_back(part);
    at = value_end + 2;
  }
}

}  // namespace keygate
