// How the fuzz targets read their input: a selector byte, a byte that seeds where the payload is
// split, then the payload. Splits come from a small generator so the payload stays the bytes a
// seed corpus holds, untouched by split choices.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace keygate::fuzz {

struct fuzz_input {
  std::uint8_t selector = 0;
  std::uint8_t split_seed = 0;
  std::string_view payload;
};

inline fuzz_input read_input(const std::uint8_t* data, std::size_t size) {
  fuzz_input in;
  if (size > 0) in.selector = data[0];
  if (size > 1) in.split_seed = data[1];
  const auto* chars = reinterpret_cast<const char*>(data);
  if (size > 2) in.payload = std::string_view(chars + 2, size - 2);
  return in;
}

// Cuts `bytes` into pieces of 1 to 64 bytes (seed 0: one piece) and hands each to `feed`.
template <class F>
void feed_in_pieces(std::string_view bytes, std::uint8_t seed, F&& feed) {
  if (seed == 0) {
    feed(bytes);
    return;
  }
  std::uint32_t state = seed * 2654435761u;
  while (!bytes.empty()) {
    state = state * 1664525u + 1013904223u;
    const std::size_t piece = std::min<std::size_t>(bytes.size(), 1 + (state >> 26));
    feed(bytes.substr(0, piece));
    bytes.remove_prefix(piece);
  }
}

}  // namespace keygate::fuzz
