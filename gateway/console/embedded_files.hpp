// The front end's built files (console/dist), embedded in the binary at build time by
// cmake/embed_console.cmake from dist/manifest.json. Each is served as is, or as its gzip or
// brotli copy (an empty view when the build made none).
#pragma once

#include <span>
#include <string_view>

namespace keygate::console {

struct embedded_file {
  std::string_view path;  // "/" or "/assets/<name>.<hash>.<ext>"
  std::string_view content_type;
  std::string_view cache_control;
  std::string_view etag;  // quoted: a digest of the uncompressed bytes
  std::string_view identity;
  std::string_view gzip;
  std::string_view br;
};

// False when keygate was built with -DKEYGATE_CONSOLE=OFF: then there are no files.
bool console_built_in();
std::span<const embedded_file> console_files();

}  // namespace keygate::console
