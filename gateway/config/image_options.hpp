// Settings of the image downloads (docs/images.md): which hosts and addresses an image URL may
// reach, and how much and how long it may take.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "gateway/base/address_check.hpp"

namespace keygate {

struct image_options {
  // Private, loopback, link-local and other non-public addresses may be fetched too (tests, or a
  // gateway that only ever sees trusted clients).
  bool allow_private = false;
  address_ranges allowed_networks;  // non-public ranges that may be fetched all the same
  // When not empty, only these hosts: "example.com", or "*.example.com" for its subdomains.
  std::vector<std::string> allowed_hosts;
  std::size_t max_bytes = std::size_t{5} * 1024 * 1024;         // one image
  std::size_t max_total_bytes = std::size_t{20} * 1024 * 1024;  // all images of one request
  std::chrono::milliseconds timeout{10'000};                    // one image, redirects included
  int max_redirects = 3;
};

}  // namespace keygate
