// The response cache's settings (docs/caching.md): the process's memory bound, and each model
// group's own switch, lifetime and entry bound.
#pragma once

#include <chrono>
#include <cstddef>

namespace keygate {

struct group_cache_options {
  bool enabled = false;
  std::chrono::milliseconds ttl{300'000};
  std::size_t max_entry_bytes = 1024 * 1024;
  // Sampled answers (temperature above 0, or the provider's default) are cached too.
  bool any_temperature = false;
  // Each key has its own entries: one key's answers never serve another.
  bool per_key = false;
};

struct response_cache_options {
  std::size_t max_bytes = 64 * 1024 * 1024;  // in this process, least recently used out first
};

}  // namespace keygate
