// Token counts of one answer, in OpenAI's terms (prompt includes cached, completion includes
// reasoning).
#pragma once

#include <cstdint>
#include <string_view>

namespace keygate {

// What an endpoint other than chat and embeddings is billed in (docs/pricing.md).
enum class usage_unit { none, images, audio_seconds, characters, search_units };

// The unit's name in the ledger's unit_kind column and the metrics' unit label; "" for none.
constexpr std::string_view unit_name(usage_unit unit) {
  switch (unit) {
    case usage_unit::images:
      return "image";
    case usage_unit::audio_seconds:
      return "audio_second";
    case usage_unit::characters:
      return "character";
    case usage_unit::search_units:
      return "search_unit";
    default:
      return "";
  }
}

struct token_usage {
  std::int64_t prompt = 0;
  std::int64_t completion = 0;
  std::int64_t cached = 0;
  std::int64_t cache_write = 0;
  std::int64_t reasoning = 0;
  bool known = false;  // the upstream reported it
  // Billed units besides tokens (images made, seconds of audio, characters spoken, searches).
  usage_unit unit = usage_unit::none;
  double units = 0;

  std::int64_t total() const { return prompt + completion; }
};

}  // namespace keygate
