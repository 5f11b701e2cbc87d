// Reads one set of token prices from YAML: a model of the price table or a deployment's `price:`.
// Internal to the config and price-table loaders.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/config/config_reader.hpp"
#include "gateway/config/token_prices.hpp"

namespace keygate::config_detail {

// `node` must be a mapping with input and output (USD per million tokens) and may have
// cached_input, cache_write, reasoning, max_output_tokens and long_prompt. Every problem goes to
// `r`; `out` is filled as far as the text allows.
void read_token_prices(reader& r, const YAML::Node& node, const std::string& field,
                       token_prices& out);

// LiteLLM's custom pricing in litellm_params, USD per token: input_cost_per_token and
// output_cost_per_token (both or neither), cache_read_input_token_cost,
// cache_creation_input_token_cost, output_cost_per_reasoning_token. Sets `out` when they are there.
void read_litellm_prices(reader& r, const YAML::Node& params, const std::string& field,
                         std::optional<token_prices>& out);

}  // namespace keygate::config_detail
