#include "gateway/accounting/litellm_prices.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <stdexcept>

namespace keygate {

namespace {

namespace json = boost::json;

// LiteLLM's provider names for the providers keygate speaks.
const std::map<std::string, std::string, std::less<>> provider_names{
    {"openai", "openai"},
    {"azure", "azure"},
    {"anthropic", "anthropic"},
    {"bedrock", "bedrock"},
    {"bedrock_converse", "bedrock"},
    {"gemini", "gemini"},
    {"mistral", "mistral"},
    {"cohere", "cohere"},
    {"cohere_chat", "cohere"},
    {"groq", "groq"},
    {"deepseek", "deepseek"},
    {"xai", "xai"},
    {"together_ai", "together"},
    {"fireworks_ai", "fireworks"},
    {"perplexity", "perplexity"},
    {"openrouter", "openrouter"}};

std::optional<double> per_million(const json::object& entry, std::string_view field) {
  const auto* v = entry.if_contains(field);
  if (!v || !v->is_number()) return std::nullopt;
  // Per token in the file, per million here; rounded to a millionth of a dollar per million to
  // drop the float noise (2.5e-06 × 1e6 is 2.4999999999999996).
  return std::round(v->to_number<double>() * 1e12) / 1e6;
}

std::string number(double v) {
  char buf[32];
  auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  return std::string(buf, end);
}

std::string yaml_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

std::string describe(const token_prices& p) {
  std::string out = "{input: " + number(p.input) + ", output: " + number(p.output);
  if (p.cached_input) out += ", cached_input: " + number(*p.cached_input);
  if (p.cache_write) out += ", cache_write: " + number(*p.cache_write);
  if (p.max_output_tokens) out += ", max_output_tokens: " + std::to_string(*p.max_output_tokens);
  return out + "}";
}

bool same(const token_prices& a, const token_prices& b) {
  return a.input == b.input && a.output == b.output &&
         a.cached_input.value_or(a.input) == b.cached_input.value_or(b.input) &&
         a.cache_write.value_or(a.input) == b.cache_write.value_or(b.input);
}

}  // namespace

price_import import_litellm_prices(std::string_view json_text, const price_table& against,
                                   std::string_view checked, std::string_view source_name) {
  json::error_code ec;
  auto root = json::parse(json_text, ec);
  if (ec || !root.is_object())
    throw std::runtime_error(std::string(source_name) + ": not a JSON object");
  price_import out;
  std::map<std::string, std::map<std::string, token_prices>> chosen;
  for (const auto& [key, value] : root.as_object()) {
    const auto* entry = value.if_object();
    const auto* provider_value = entry ? entry->if_contains("litellm_provider") : nullptr;
    if (!provider_value || !provider_value->is_string()) {
      ++out.skipped;  // sample_spec and the like
      continue;
    }
    const std::string_view litellm_provider = provider_value->get_string();
    auto provider = provider_names.find(litellm_provider);
    const auto input = per_million(*entry, "input_cost_per_token");
    if (provider == provider_names.end() || !input) {
      ++out.skipped;
      continue;
    }
    std::string model(key);
    if (model.starts_with(std::string(litellm_provider) + "/"))
      model.erase(0, litellm_provider.size() + 1);
    if (model.find('/') != std::string::npos && provider->second != "openrouter" &&
        provider->second != "together" && provider->second != "fireworks") {
      ++out.skipped;  // a region or a route in the name: not how a deployment names its model
      continue;
    }
    token_prices p;
    p.input = *input;
    p.output = per_million(*entry, "output_cost_per_token").value_or(0);
    p.cached_input = per_million(*entry, "cache_read_input_token_cost");
    p.cache_write = per_million(*entry, "cache_creation_input_token_cost");
    if (const auto* max = entry->if_contains("max_output_tokens"); max && max->is_int64())
      if (max->as_int64() > 0) p.max_output_tokens = max->as_int64();
    const token_prices* known = against.find(provider->second, model);
    if (known && same(*known, p)) {
      ++out.unchanged;
      continue;
    }
    out.changes.push_back((known ? "changed: " : "new: ") + provider->second + " " + model + " " +
                          (known ? describe(*known) + " -> " : std::string()) + describe(p));
    chosen[provider->second][model] = p;
  }
  std::string& y = out.yaml;
  y = "# keygate price overrides, imported from " + std::string(source_name) +
      " by `keygate prices import`: USD per million tokens. Only models new to keygate's\n"
      "# built-in table or priced differently are listed; the built-in table prices the rest.\n"
      "checked: \"" +
      std::string(checked) + "\"\nproviders:\n";
  for (const auto& [provider, models] : chosen) {
    y += "  " + provider + ":\n    models:\n";
    for (const auto& [model, p] : models)
      y += "      " + yaml_quoted(model) + ": " + describe(p) + "\n";
  }
  return out;
}

}  // namespace keygate
