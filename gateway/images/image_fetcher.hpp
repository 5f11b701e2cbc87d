// Downloads the images of http(s) image URLs for providers that only take image bytes, under the
// SSRF rules of docs/images.md: each hop's host name is resolved once, every address is checked,
// and the connection goes to those checked addresses. One per worker thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "gateway/base/net.hpp"
#include "gateway/config/image_options.hpp"

namespace boost::asio {
class io_context;
}

namespace keygate {

enum class image_problem {
  invalid_url,       // not an absolute http(s) URL
  blocked,           // a host or address the rules forbid
  download_failed,   // DNS, connection, TLS, HTTP status, redirects, timeout
  too_large,         // over the byte limit
  unsupported_type,  // not png, jpeg, gif or webp
};

struct fetched_image {
  std::string bytes;
  std::string_view media_type;  // "image/png", "image/jpeg", "image/gif" or "image/webp"
};

struct image_failure {
  image_problem problem;
  std::string message;  // a sentence for the client
};

using image_result = std::variant<fetched_image, image_failure>;

struct fetch_limits {
  std::size_t max_bytes = 0;
  std::chrono::steady_clock::time_point deadline;
};

// Where images come from; tests stand in for the network with their own.
class image_source {
 public:
  virtual ~image_source() = default;
  virtual task<image_result> fetch(std::string url, const image_options& options,
                                   fetch_limits limits) = 0;
};

class image_fetcher final : public image_source {
 public:
  // Certificates are checked against the system's store, and `extra_ca_file` when not empty.
  image_fetcher(net::io_context& io, const std::string& extra_ca_file);
  ~image_fetcher() override;

  task<image_result> fetch(std::string url, const image_options& options,
                           fetch_limits limits) override;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace keygate
