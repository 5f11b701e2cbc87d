// Settings of the upstream client, shared by every deployment.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace keygate {

struct upstream_options {
  std::string ca_file;  // empty: the system's CA store
  std::size_t max_idle_per_host = 64;
  std::chrono::milliseconds idle_timeout{30'000};
  std::size_t max_response_bytes = 64 * 1024 * 1024;  // a whole (non-streamed) answer
};

// Per deployment; a request's own bound may only shorten them.
struct upstream_timeouts {
  std::chrono::milliseconds connect{10'000};
  std::chrono::milliseconds first_byte{120'000};
  std::chrono::milliseconds between_chunks{60'000};
  std::chrono::milliseconds total{600'000};
};

}  // namespace keygate
