// Drives a door's answer encoder the way the answer writer does, with the canonical stream cut at
// a chosen byte; and makes the ids the encoders invent comparable.
#pragma once

#include <regex>
#include <string>
#include <string_view>

#include "gateway/pipeline/front_door.hpp"

namespace keygate::doors::testing {

// Random ids (resp_, msg_, fc_, rs_, toolu_, call_ and 24 hex digits) become <prefix>_X, and
// created_at 0.
inline std::string normalized(std::string text) {
  static const std::regex ids("(resp|msg|fc|rs|toolu|call)_[0-9a-f]{24}");
  static const std::regex created("\"created_at\":[0-9]+");
  text = std::regex_replace(text, ids, "$1_X");
  return std::regex_replace(text, created, "\"created_at\":0");
}

inline std::string flatten(const outgoing_bytes& bytes) {
  std::string out;
  for (const auto& b : bytes.buffers()) out.append(static_cast<const char*>(b.data()), b.size());
  return out;
}

// The encoder's output for `canonical` handed over in two pieces, cut at `split`.
template <class Encoder, class Setup>
std::string encode_split(std::string_view canonical, std::size_t split, const token_usage& usage,
                         Setup&& setup) {
  Encoder encoder;
  setup(encoder);
  outgoing_bytes first, second, out;
  first.emit(std::string(canonical.substr(0, split)));
  second.emit(std::string(canonical.substr(split)));
  encoder.stream(first, usage, out);
  encoder.stream(second, usage, out);
  return normalized(flatten(out));
}

}  // namespace keygate::doors::testing
