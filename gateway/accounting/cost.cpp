#include "gateway/accounting/cost.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace keygate {

namespace {

using wide = __int128;

// USD per million tokens → pico-USD per token (the same number times 1e6), clamped to what a
// validated table can hold.
wide pico_per_token(double usd_per_million) {
  if (!(usd_per_million > 0)) return 0;  // also NaN
  return std::llround(std::min(usd_per_million, 1e6) * 1e6);
}

wide count(std::int64_t tokens) {
  return std::max<std::int64_t>(tokens, 0);
}

struct rates {
  double input, output, cached_input, cache_write, reasoning;
};

rates effective_rates(const token_usage& usage, const token_prices& p) {
  if (p.long_prompt && usage.prompt > p.long_prompt->above_tokens) {
    const auto& l = *p.long_prompt;
    return {l.input, l.output, l.cached_input.value_or(l.input), l.cache_write.value_or(l.input),
            l.reasoning.value_or(l.output)};
  }
  return {p.input, p.output, p.cached_input.value_or(p.input), p.cache_write.value_or(p.input),
          p.reasoning.value_or(p.output)};
}

// Units (images, seconds, characters, searches) at their price per unit, in pico-USD.
wide unit_pico(const token_usage& usage, const token_prices& p) {
  std::optional<double> per_unit;
  switch (usage.unit) {
    case usage_unit::images:
      per_unit = p.per_image;
      break;
    case usage_unit::audio_seconds:
      per_unit = p.per_audio_second;
      break;
    case usage_unit::characters:
      per_unit = p.per_character;
      break;
    case usage_unit::search_units:
      per_unit = p.per_search_unit;
      break;
    default:
      break;
  }
  if (!per_unit || !(*per_unit > 0) || !(usage.units > 0)) return 0;
  // A unit costs at most 1e6 USD and a request holds at most 1e9 units: both well inside int128.
  const double units = std::min(usage.units, 1e9);
  return static_cast<wide>(std::round(std::min(*per_unit, 1e6) * 1e12 * units));
}

}  // namespace

std::int64_t cost_nanos(const token_usage& usage, const token_prices& prices) {
  const rates r = effective_rates(usage, prices);
  const wide cached = count(usage.cached), cache_write = count(usage.cache_write);
  const wide uncached = std::max<wide>(count(usage.prompt) - cached - cache_write, 0);
  const wide reasoning = count(usage.reasoning);
  const wide visible = std::max<wide>(count(usage.completion) - reasoning, 0);
  const wide pico = uncached * pico_per_token(r.input) + cached * pico_per_token(r.cached_input) +
                    cache_write * pico_per_token(r.cache_write) +
                    visible * pico_per_token(r.output) + reasoning * pico_per_token(r.reasoning);
  const wide nanos = (pico + unit_pico(usage, prices) + 500) / 1000;
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  return nanos > max ? max : static_cast<std::int64_t>(nanos);
}

std::string format_usd(std::int64_t nanos) {
  constexpr std::uint64_t per_usd = 1'000'000'000;
  std::string out = nanos < 0 ? "-" : "";
  // The magnitude as unsigned, which also holds INT64_MIN's.
  const std::uint64_t magnitude =
      nanos < 0 ? ~static_cast<std::uint64_t>(nanos) + 1 : static_cast<std::uint64_t>(nanos);
  char buf[32];
  auto end = std::to_chars(buf, buf + sizeof buf, magnitude / per_usd).ptr;
  out.append(buf, end);
  std::string fraction = std::to_string(magnitude % per_usd);
  fraction.insert(0, 9 - fraction.size(), '0');
  while (fraction.size() > 1 && fraction.back() == '0') fraction.pop_back();
  out += '.';
  out += fraction;
  return out;
}

}  // namespace keygate
