#include "gateway/images/image_type.hpp"

#include <array>
#include <cctype>
#include <string>

namespace keygate {

namespace {

constexpr std::array<std::string_view, 4> accepted{"image/png", "image/jpeg", "image/gif",
                                                   "image/webp"};

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::string_view> image_type_of_header(std::string_view content_type) {
  std::string lower(trimmed(content_type.substr(0, content_type.find(';'))));
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "image/jpg" || lower == "image/pjpeg") lower = "image/jpeg";
  for (auto type : accepted)
    if (lower == type) return type;
  return std::nullopt;
}

std::optional<std::string_view> sniff_image_type(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (bytes.starts_with("\x89PNG\r\n\x1a\n"sv)) return "image/png"sv;
  if (bytes.starts_with("\xff\xd8\xff"sv)) return "image/jpeg"sv;
  if (bytes.starts_with("GIF87a"sv) || bytes.starts_with("GIF89a"sv)) return "image/gif"sv;
  if (bytes.size() >= 12 && bytes.starts_with("RIFF"sv) && bytes.substr(8, 4) == "WEBP"sv)
    return "image/webp"sv;
  return std::nullopt;
}

std::optional<std::string_view> image_type(std::string_view content_type, std::string_view bytes) {
  if (auto type = image_type_of_header(content_type)) return type;
  return sniff_image_type(bytes);
}

}  // namespace keygate
