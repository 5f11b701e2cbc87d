// The translators the fuzz targets drive, each with a deployment like a real config's. A target
// picks one with the first byte of its input, so one corpus covers every provider.
#pragma once

#include <cstdint>
#include <string_view>

#include "gateway/config/config.hpp"
#include "gateway/engine/translator.hpp"

namespace keygate::fuzz {

struct fuzz_provider {
  std::string_view name;
  const translator& wire;
  deployment target;
};

// The selector's low bits pick the provider; bit 0x40 turns `reasoning` on and bit 0x80 `strict`.
const fuzz_provider& pick_provider(std::uint8_t selector);
// The selector byte that picks a provider by name (seed corpora are written with it).
std::uint8_t selector_of(std::string_view name);

}  // namespace keygate::fuzz
