// Reads a LiteLLM proxy config as it is: model_list entries become deployments grouped by
// model_name, router_settings become the router's, and everything without an equivalent becomes a
// notice naming its line.
#include <map>
#include <set>

#include "gateway/config/config_reader.hpp"
#include "gateway/config/price_reader.hpp"
#include "gateway/config/provider_traits.hpp"

namespace keygate::config_detail {

namespace {

// LiteLLM's provider prefixes and keygate's names for them.
const std::map<std::string, std::string> provider_names_by_prefix{
    {"openai", "openai"},
    {"azure", "azure"},
    {"anthropic", "anthropic"},
    {"groq", "groq"},
    {"deepseek", "deepseek"},
    {"openrouter", "openrouter"},
    {"xai", "xai"},
    {"together_ai", "together"},
    {"fireworks_ai", "fireworks"},
    {"perplexity", "perplexity"},
    {"hosted_vllm", "openai_compatible"},
    {"openai_like", "openai_compatible"},
    {"mistral", "mistral"},
    {"gemini", "gemini"},
    {"cohere", "cohere"},
    {"bedrock", "bedrock"},
    {"ollama", "ollama"},
    {"ollama_chat", "ollama"}};

const std::map<std::string, balance_strategy> litellm_strategies{
    {"simple-shuffle", balance_strategy::weighted},
    {"least-busy", balance_strategy::least_inflight},
    {"latency-based-routing", balance_strategy::lowest_latency},
    {"cost-based-routing", balance_strategy::cost}};

// Reports each setting keygate does not read; a whole unknown section is reported key by key.
void ignore_unknown(reader& r, const YAML::Node& map, const std::string& where,
                    std::initializer_list<std::string_view> known) {
  if (!map.IsDefined() || !map.IsMap()) return;
  for (const auto& kv : map) {
    auto key = kv.first.as<std::string>();
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    if (kv.second.IsMap() && kv.second.size() > 0)
      ignore_unknown(r, kv.second, where + key + ".", {});
    else
      r.notice(kv.first, where + key, "has no equivalent in keygate; ignored");
  }
}

millis seconds(reader& r, const YAML::Node& node, const std::string& field) {
  double value = 0;
  try {
    value = node.as<double>();
  } catch (const YAML::Exception&) {
    r.problem(node, field, "must be a number of seconds");
  }
  return millis(static_cast<long long>(std::max(value, 0.001) * 1000));
}

// LiteLLM's ssl_verify is a boolean or the path of a CA bundle for that deployment alone.
void read_ssl_verify(reader& r, const YAML::Node& node, const std::string& field, deployment& d) {
  if (!node.IsDefined()) return;
  bool verify = true;
  if (node.IsScalar() && YAML::convert<bool>::decode(node, verify)) {
    d.tls_verify = verify;
    return;
  }
  r.notice(node, field,
           "a CA bundle per deployment is not supported; ignored (set upstream.ca_file to it: "
           "keygate then trusts only that bundle)");
}

// "anthropic/claude-sonnet-4-5" → provider "anthropic", model "claude-sonnet-4-5"; no prefix is
// OpenAI, as LiteLLM reads it for GPT models.
bool read_litellm_params(reader& r, const YAML::Node& params, const std::string& field,
                         deployment& d) {
  ignore_unknown(r, params, field + ".",
                 {"model",
                  "api_key",
                  "api_base",
                  "api_version",
                  "timeout",
                  "stream_timeout",
                  "weight",
                  "order",
                  "rpm",
                  "tpm",
                  "max_retries",
                  "input_cost_per_token",
                  "output_cost_per_token",
                  "cache_read_input_token_cost",
                  "cache_creation_input_token_cost",
                  "output_cost_per_reasoning_token",
                  "aws_region_name",
                  "aws_access_key_id",
                  "aws_secret_access_key",
                  "aws_session_token",
                  "ssl_verify"});
  if (!params.IsDefined() || !params.IsMap()) {
    r.problem(params, field, "must be a mapping with at least model");
    return false;
  }
  std::string model;
  r.read(params, "model", field + ".model", model);
  if (model.empty()) {
    r.problem(params, field + ".model", "is required");
    return false;
  }
  auto slash = model.find('/');
  std::string prefix = slash == std::string::npos ? "openai" : model.substr(0, slash);
  d.model = slash == std::string::npos ? model : model.substr(slash + 1);
  auto known = provider_names_by_prefix.find(prefix);
  if (known == provider_names_by_prefix.end() || !find_provider_traits(known->second)) {
    r.notice(params["model"], field + ".model",
             "provider '" + prefix + "' is not supported by keygate yet; deployment left out");
    return false;
  }
  d.provider = known->second;
  const auto* traits = find_provider_traits(d.provider);
  d.api_base = std::string(traits->default_api_base);
  r.read_secret(params, "api_base", field + ".api_base", d.api_base);
  r.read_secret(params, "api_key", field + ".api_key", d.api_key);
  r.read(params, "api_version", field + ".api_version", d.api_version);
  if (traits->aws_sigv4) read_aws_signing(r, params, field, d, "aws_region_name");
  r.read(params, "weight", field + ".weight", d.weight);
  r.read(params, "order", field + ".order", d.priority);
  read_litellm_prices(r, params, field, d.price);
  if (params["timeout"].IsDefined()) d.timeouts.total = seconds(r, params["timeout"], field);
  if (params["stream_timeout"].IsDefined())
    d.timeouts.first_byte = seconds(r, params["stream_timeout"], field);
  read_ssl_verify(r, params["ssl_verify"], field + ".ssl_verify", d);
  for (const char* limit : {"rpm", "tpm", "max_retries"})
    if (params[limit].IsDefined())
      r.notice(params[limit], field + "." + limit,
               "per-deployment limit not supported yet; ignored");
  if (d.api_base.empty()) {
    r.problem(params, field + ".api_base", "is required for " + d.provider);
    return false;
  }
  if (r.keeps_env_references() && d.api_base.find("${") != std::string::npos) return true;
  try {
    d.endpoint = upstream_endpoint::parse(d.api_base);
  } catch (const std::invalid_argument& e) {
    r.problem(params["api_base"], field + ".api_base", e.what());
    return false;
  }
  apply_tls_verify(r, params["ssl_verify"], field + ".ssl_verify", d);
  return true;
}

// LiteLLM writes fallbacks as a list of one-key maps: [{"gpt-4o": ["gpt-4o-mini"]}].
void read_fallback_lists(reader& r, const YAML::Node& list, const std::string& field,
                         std::map<std::string, std::vector<std::string>>& out) {
  if (!list.IsDefined() || list.IsNull()) return;
  if (!list.IsSequence()) return r.problem(list, field, "must be a list of {model: [fallbacks]}");
  for (const auto& entry : list) {
    if (!entry.IsMap()) {
      r.problem(entry, field, "must be a list of {model: [fallbacks]}");
      continue;
    }
    for (const auto& kv : entry)
      for (const auto& name : kv.second)
        out[kv.first.as<std::string>()].push_back(name.as<std::string>());
  }
}

}  // namespace

bool is_litellm_config(const YAML::Node& root) {
  return root["model_list"].IsDefined();
}

void read_litellm(reader& r, const YAML::Node& root, config& cfg) {
  ignore_unknown(r, root, "", {"model_list", "router_settings", "litellm_settings"});
  const auto list = root["model_list"];
  if (!list.IsSequence() || list.size() == 0)
    return r.problem(list, "model_list", "must be a non-empty list");

  std::map<std::string, model_group> groups;
  std::vector<std::string> order;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string field = "model_list[" + std::to_string(i) + "]";
    const auto entry = list[i];
    ignore_unknown(r, entry, field + ".", {"model_name", "litellm_params"});
    std::string name;
    r.read(entry, "model_name", field + ".model_name", name);
    if (name.empty()) {
      r.problem(entry, field + ".model_name", "is required");
      continue;
    }
    deployment d;
    if (!read_litellm_params(r, entry["litellm_params"], field + ".litellm_params", d)) continue;
    auto [it, fresh] = groups.try_emplace(name);
    if (fresh) {
      it->second.name = name;
      it->second.retries = -1;
      order.push_back(name);
    }
    d.id = name + "#" + std::to_string(it->second.deployments.size());
    it->second.deployments.push_back(std::move(d));
  }

  std::map<std::string, std::vector<std::string>> fallbacks, context_fallbacks, policy_fallbacks;
  balance_strategy strategy = balance_strategy::weighted;
  for (const char* section : {"litellm_settings", "router_settings"}) {
    const auto s = root[section];
    if (!s.IsDefined() || !s.IsMap()) continue;
    const std::string where = std::string(section) + ".";
    ignore_unknown(
        r, s, where,
        {"routing_strategy", "num_retries", "timeout", "request_timeout", "fallbacks",
         "context_window_fallbacks", "content_policy_fallbacks", "allowed_fails", "cooldown_time"});
    if (s["routing_strategy"].IsDefined()) {
      auto name = s["routing_strategy"].as<std::string>();
      if (auto found = litellm_strategies.find(name); found != litellm_strategies.end())
        strategy = found->second;
      else
        r.notice(s["routing_strategy"], where + "routing_strategy",
                 "'" + name + "' has no equivalent; keygate balances by weight");
    }
    r.read(s, "num_retries", where + "num_retries", cfg.router.retries);
    r.read(s, "allowed_fails", where + "allowed_fails", cfg.router.cooldown.failures);
    if (s["cooldown_time"].IsDefined())
      cfg.router.cooldown.period = seconds(r, s["cooldown_time"], where + "cooldown_time");
    for (const char* timeout : {"timeout", "request_timeout"})
      if (s[timeout].IsDefined()) {
        const auto total = seconds(r, s[timeout], where + timeout);
        for (auto& [name, g] : groups)
          for (auto& d : g.deployments) d.timeouts.total = std::min(d.timeouts.total, total);
      }
    read_fallback_lists(r, s["fallbacks"], where + "fallbacks", fallbacks);
    read_fallback_lists(r, s["context_window_fallbacks"], where + "context_window_fallbacks",
                        context_fallbacks);
    read_fallback_lists(r, s["content_policy_fallbacks"], where + "content_policy_fallbacks",
                        policy_fallbacks);
  }

  for (const auto& name : order) {
    auto& g = groups[name];
    g.strategy = strategy;
    g.fallbacks = fallbacks[name];
    g.context_window_fallbacks = context_fallbacks[name];
    g.content_policy_fallbacks = policy_fallbacks[name];
    cfg.models.push_back(std::move(g));
  }
  std::set<std::string> names(order.begin(), order.end());
  for (const auto* table : {&fallbacks, &context_fallbacks, &policy_fallbacks})
    for (const auto& [from, targets] : *table)
      for (const auto& to : targets)
        if (!names.contains(from) || !names.contains(to) || from == to)
          r.problem(root["router_settings"], "router_settings.fallbacks",
                    "fallback " + from + " -> " + to + " names a model that is not served");
  if (cfg.models.empty()) r.problem(list, "model_list", "no model keygate can serve");
}

}  // namespace keygate::config_detail
