// What the HTTP listener needs to know; filled from the config file.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace keygate {

using millis = std::chrono::milliseconds;

struct server_limits {
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 10 * 1024 * 1024;
  // The body limit of the audio uploads (/v1/audio/transcriptions and /v1/audio/translations),
  // OpenAI's own 25 MB by default.
  std::size_t max_upload_bytes = 25 * 1024 * 1024;
  millis header_timeout{10'000};  // from the first byte of a request to its complete head and body
  millis idle_timeout{60'000};    // a keep-alive connection waiting for its next request
  millis write_timeout{60'000};   // a client that stops reading its response
  std::size_t max_connections = 10'000;
  // A larger (or smaller) body limit for one exact path, in place of max_body_bytes; set by the
  // program for endpoints that take files (the console's import), not by the config file.
  struct path_limit {
    std::string path;
    std::size_t max_body_bytes = 0;
  };
  std::vector<path_limit> body_limits_by_path;

  // The body limit for a request target (its path, without the query).
  std::size_t body_limit_for(std::string_view target) const {
    const auto path = target.substr(0, target.find('?'));
    for (const auto& limit : body_limits_by_path)
      if (limit.path == path) return limit.max_body_bytes;
    return upload_path(path) ? max_upload_bytes : max_body_bytes;
  }
  static bool upload_path(std::string_view path) {
    if (path.starts_with("/v1/")) path.remove_prefix(3);
    return path == "/audio/transcriptions" || path == "/audio/translations";
  }
  std::size_t largest_body_limit() const {
    std::size_t largest = std::max(max_body_bytes, max_upload_bytes);
    for (const auto& limit : body_limits_by_path) largest = std::max(largest, limit.max_body_bytes);
    return largest;
  }
};

// The listener's certificate chain and private key, PEM files; both empty: plain HTTP.
struct listener_tls {
  std::string cert_file;
  std::string key_file;
  bool enabled() const { return !cert_file.empty(); }
};

struct server_options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 4000;
  unsigned threads = 0;  // 0: one per core
  server_limits limits;
  millis shutdown_grace{30'000};
  std::string cors_allow_origin = "*";
  listener_tls tls;
};

}  // namespace keygate
