// multipart/form-data bodies (RFC 7578), read in place: each part is a view into the body, so a
// file upload is held once, in the request's own buffer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keygate {

struct multipart_part {
  std::string_view name;          // Content-Disposition's name
  std::string_view filename;      // "" for a plain field
  bool has_filename = false;      // a file part, even with an empty filename
  std::string_view content_type;  // "" when the part has none
  std::string_view value;         // the part's bytes, a view into the body
  std::size_t value_offset = 0;   // where `value` starts in the body
};

// The boundary of a multipart/form-data content type; nullopt for any other type.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// The parts of `body` in order, or what is wrong with it.
std::optional<std::string> read_multipart(std::string_view body, std::string_view boundary,
                                          std::vector<multipart_part>& parts);

}  // namespace keygate
