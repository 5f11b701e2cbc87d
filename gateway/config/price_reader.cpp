#include "gateway/config/price_reader.hpp"

#include <cmath>
#include <optional>

namespace keygate::config_detail {

namespace {

// 1e6 USD per million tokens is a dollar a token: far above any real price, and low enough that
// every sum stays exact (see cost.cpp).
constexpr double max_price = 1e6;

bool present(const YAML::Node& parent, const char* key) {
  auto node = parent[key];
  return node.IsDefined() && !node.IsNull();
}

std::optional<double> read_price(reader& r, const YAML::Node& parent, const char* key,
                                 const std::string& field) {
  if (!present(parent, key)) return std::nullopt;
  const std::string where = field + "." + key;
  double value = -1;
  const auto before = r.problems().size();
  r.read(parent, key, where, value);
  if (r.problems().size() != before) return std::nullopt;
  if (!std::isfinite(value) || value < 0 || value > max_price) {
    r.problem(parent[key], where, "must be a number from 0 to 1000000 (USD per million tokens)");
    return std::nullopt;
  }
  return value;
}

double read_required_price(reader& r, const YAML::Node& parent, const char* key,
                           const std::string& field) {
  if (!present(parent, key)) {
    r.problem(parent, field + "." + key, "is required");
    return 0;
  }
  return read_price(r, parent, key, field).value_or(0);
}

void read_long_prompt(reader& r, const YAML::Node& node, const std::string& field,
                      token_prices& out) {
  if (!r.is_map(node, field)) return;
  r.only_keys(node, field + ".",
              {"above_tokens", "input", "output", "cached_input", "cache_write", "reasoning"});
  long_prompt_prices tier;
  if (!present(node, "above_tokens")) r.problem(node, field + ".above_tokens", "is required");
  r.read(node, "above_tokens", field + ".above_tokens", tier.above_tokens);
  if (present(node, "above_tokens") && tier.above_tokens < 1)
    r.problem(node["above_tokens"], field + ".above_tokens", "must be at least 1");
  tier.input = read_required_price(r, node, "input", field);
  tier.output = read_required_price(r, node, "output", field);
  tier.cached_input = read_price(r, node, "cached_input", field);
  tier.cache_write = read_price(r, node, "cache_write", field);
  tier.reasoning = read_price(r, node, "reasoning", field);
  out.long_prompt = tier;
}

// The per-unit prices; true when the model has one (then input and output may be left out).
bool read_unit_prices(reader& r, const YAML::Node& node, const std::string& field,
                      token_prices& out) {
  auto scaled = [](std::optional<double> price, double per) -> std::optional<double> {
    if (!price) return std::nullopt;
    return *price / per;
  };
  out.per_image = read_price(r, node, "per_image", field);
  out.per_audio_second = read_price(r, node, "per_audio_second", field);
  out.per_character = scaled(read_price(r, node, "per_million_characters", field), 1e6);
  out.per_search_unit = scaled(read_price(r, node, "per_thousand_search_units", field), 1e3);
  return out.per_image || out.per_audio_second || out.per_character || out.per_search_unit;
}

}  // namespace

void read_token_prices(reader& r, const YAML::Node& node, const std::string& field,
                       token_prices& out) {
  if (!node.IsMap()) return r.problem(node, field, "must be a mapping with input and output");
  r.only_keys(node, field + ".",
              {"input", "output", "cached_input", "cache_write", "reasoning", "max_output_tokens",
               "long_prompt", "per_image", "per_audio_second", "per_million_characters",
               "per_thousand_search_units"});
  if (read_unit_prices(r, node, field, out)) {
    out.input = read_price(r, node, "input", field).value_or(0);
    out.output = read_price(r, node, "output", field).value_or(0);
  } else {
    out.input = read_required_price(r, node, "input", field);
    out.output = read_required_price(r, node, "output", field);
  }
  out.cached_input = read_price(r, node, "cached_input", field);
  out.cache_write = read_price(r, node, "cache_write", field);
  out.reasoning = read_price(r, node, "reasoning", field);
  if (present(node, "max_output_tokens")) {
    long long max_output = 0;
    const auto before = r.problems().size();
    r.read(node, "max_output_tokens", field + ".max_output_tokens", max_output);
    if (r.problems().size() == before && max_output < 1)
      r.problem(node["max_output_tokens"], field + ".max_output_tokens", "must be at least 1");
    else if (r.problems().size() == before)
      out.max_output_tokens = max_output;
  }
  if (node["long_prompt"].IsDefined())
    read_long_prompt(r, node["long_prompt"], field + ".long_prompt", out);
}

void read_litellm_prices(reader& r, const YAML::Node& params, const std::string& field,
                         std::optional<token_prices>& out) {
  const bool has_input = present(params, "input_cost_per_token");
  const bool has_output = present(params, "output_cost_per_token");
  if (!has_input && !has_output) {
    for (const char* key : {"cache_read_input_token_cost", "cache_creation_input_token_cost",
                            "output_cost_per_reasoning_token"})
      if (present(params, key))
        r.problem(params[key], field + "." + key,
                  "needs input_cost_per_token and output_cost_per_token");
    return;
  }
  // Per token → per million: the same checks as the native fields, a million times smaller.
  auto per_million = [&](const char* key) -> std::optional<double> {
    if (!present(params, key)) return std::nullopt;
    const std::string where = field + "." + key;
    double value = -1;
    const auto before = r.problems().size();
    r.read(params, key, where, value);
    if (r.problems().size() != before) return std::nullopt;
    if (!std::isfinite(value) || value < 0 || value > max_price / 1e6) {
      r.problem(params[key], where, "must be a number from 0 to 1 (USD per token)");
      return std::nullopt;
    }
    return value * 1e6;
  };
  for (const char* key : {"input_cost_per_token", "output_cost_per_token"})
    if (!present(params, key))
      r.problem(params, field + "." + key, "is required with the other *_cost_per_token");
  token_prices& p = out.emplace();
  p.input = per_million("input_cost_per_token").value_or(0);
  p.output = per_million("output_cost_per_token").value_or(0);
  p.cached_input = per_million("cache_read_input_token_cost");
  p.cache_write = per_million("cache_creation_input_token_cost");
  p.reasoning = per_million("output_cost_per_reasoning_token");
}

}  // namespace keygate::config_detail
