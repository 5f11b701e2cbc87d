#include "gateway/http/header_block.hpp"

#include <boost/beast/core/string.hpp>

namespace keygate {

namespace {

constexpr std::size_t initial_capacity = 256;

// The line of `name` in `lines`: [start, end) with end past its CRLF; npos when there is none.
std::pair<std::size_t, std::size_t> line_of(std::string_view lines, std::string_view name) {
  std::size_t start = 0;
  while (start < lines.size()) {
    const auto end = lines.find("\r\n", start);
    const auto line = lines.substr(start, end - start);
    if (line.size() > name.size() && line[name.size()] == ':' &&
        boost::beast::iequals(line.substr(0, name.size()), name))
      return {start, end + 2};
    start = end + 2;
  }
  return {std::string_view::npos, std::string_view::npos};
}

}  // namespace

void header_block::set(std::string_view name, std::string_view value) {
  erase(name);
  // A response's few headers in one allocation, not one per doubling.
  if (lines_.capacity() < initial_capacity) lines_.reserve(initial_capacity);
  lines_.append(name).append(": ", 2).append(value).append("\r\n", 2);
}

void header_block::set(boost::beast::http::field name, std::string_view value) {
  const auto text = boost::beast::http::to_string(name);
  set(std::string_view(text.data(), text.size()), value);
}

void header_block::erase(std::string_view name) {
  const auto [start, end] = line_of(lines_, name);
  if (start != std::string_view::npos) lines_.erase(start, end - start);
}

std::optional<std::string_view> header_block::find(std::string_view name) const {
  const auto [start, end] = line_of(lines_, name);
  if (start == std::string_view::npos) return std::nullopt;
  auto value =
      std::string_view(lines_).substr(start + name.size() + 1, end - 2 - start - name.size() - 1);
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  return value;
}

}  // namespace keygate
