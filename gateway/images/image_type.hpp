// The media type of a downloaded image: png, jpeg, gif or webp, the types every provider that
// takes inline images accepts.
#pragma once

#include <optional>
#include <string_view>

namespace keygate {

// "image/png" and the like from a Content-Type header value (parameters and case ignored), or
// nothing when it names no accepted type.
std::optional<std::string_view> image_type_of_header(std::string_view content_type);
// The type the first bytes show (magic numbers), or nothing.
std::optional<std::string_view> sniff_image_type(std::string_view bytes);
// The header's type when it names an accepted one, else what the bytes show.
std::optional<std::string_view> image_type(std::string_view content_type, std::string_view bytes);

}  // namespace keygate
