// What one model's tokens cost, in USD per million tokens, as the price table and a deployment's
// `price:` override give it.
#pragma once

#include <cstdint>
#include <optional>

namespace keygate {

// Rates that replace the normal ones for a whole request once its prompt is longer than
// `above_tokens` (Anthropic's Haiku 5.5 past 100k, Gemini Pro past 200k, ...).
struct long_prompt_prices {
  std::int64_t above_tokens = 0;  // prompt tokens, cached and cache writes included
  double input = 0, output = 0;
  std::optional<double> cached_input{}, cache_write{}, reasoning{};
};

struct token_prices {  // USD per million tokens
  double input = 0, output = 0;
  // Every optional has an initializer so that designated initializers may leave it out.
  std::optional<double> cached_input{};  // cache reads; default: input
  std::optional<double> cache_write{};   // Anthropic's 5-minute cache writes; default: input
  std::optional<double> reasoning{};     // only where it differs from output; default: output
  std::optional<std::int64_t> max_output_tokens{};  // bounds a reservation without max_tokens
  std::optional<long_prompt_prices> long_prompt{};
  // Endpoints billed per unit rather than per token (docs/pricing.md), in USD per one unit: an
  // image, a second of audio, a character spoken, a search unit. The table gives the last two per
  // million characters and per thousand search units; the reader divides.
  std::optional<double> per_image{}, per_audio_second{}, per_character{}, per_search_unit{};
};

}  // namespace keygate
