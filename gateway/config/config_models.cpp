// The models section: groups of deployments, their balancing, retries and fallbacks.
#include <array>
#include <map>
#include <set>

#include "gateway/config/config_reader.hpp"
#include "gateway/config/price_reader.hpp"
#include "gateway/config/provider_traits.hpp"

namespace keygate::config_detail {

namespace {

const std::map<std::string, balance_strategy> strategies{
    {"weighted", balance_strategy::weighted},
    {"least_inflight", balance_strategy::least_inflight},
    {"lowest_latency", balance_strategy::lowest_latency},
    {"priority", balance_strategy::priority},
    {"cost", balance_strategy::cost}};

constexpr std::array<const char*, 4> aws_keys{"region", "aws_access_key_id",
                                              "aws_secret_access_key", "aws_session_token"};

// auto_cache places Claude's prompt-cache breakpoints: on Anthropic, and on Bedrock's and Vertex
// AI's Claude models (once the Vertex publisher is known).
void note_auto_cache_without_effect(reader& r, const YAML::Node& node, const std::string& field,
                                    const deployment& d) {
  if (!d.auto_cache) return;
  const auto where = field + ".auto_cache";
  if (d.provider == "bedrock" && d.model.find("anthropic.claude") == std::string::npos)
    r.notice(node["auto_cache"], where,
             "Bedrock caches prompts for Claude models only; ignored for " + d.model);
  else if (d.provider == "vertex" && d.vertex.publisher != "anthropic")
    r.notice(node["auto_cache"], where,
             "Vertex AI caches prompts for Claude models only; ignored for " + d.model);
  else if (d.provider != "anthropic" && d.provider != "bedrock" && d.provider != "vertex")
    r.notice(node["auto_cache"], where,
             "has no effect for provider " + d.provider + " yet; ignored");
}

void read_deployment(reader& r, const YAML::Node& node, const std::string& field, deployment& d) {
  r.read(node, "provider", field + ".provider", d.provider);
  const provider_traits* traits = find_provider_traits(d.provider);
  if (d.provider.empty()) return r.problem(node, field + ".provider", "is required");
  if (!traits)
    return r.problem(node["provider"], field + ".provider",
                     "unknown provider '" + d.provider + "' (known: " + provider_names() + ")");
  r.read(node, "model", field + ".model", d.model);
  r.read(node, "weight", field + ".weight", d.weight);
  if (d.weight < 0) r.problem(node["weight"], field + ".weight", "must not be negative");
  r.read(node, "priority", field + ".priority", d.priority);
  r.read(node, "reasoning", field + ".reasoning", d.reasoning);
  if (d.reasoning && !traits->reasoning)
    r.notice(node["reasoning"], field + ".reasoning",
             "has no effect for provider " + d.provider + " yet; ignored");
  r.read(node, "strict", field + ".strict", d.strict);
  r.read(node, "responses", field + ".responses", d.responses);
  if (d.responses && d.provider != "azure")
    r.notice(node["responses"], field + ".responses",
             "only Azure deployments need it (openai takes Responses natively); ignored");
  read_timeouts(r, node["timeouts"], field + ".timeouts", d.timeouts);
  read_rate_limits(r, node, field, d.limits);
  if (node["price"].IsDefined())
    read_token_prices(r, node["price"], field + ".price", d.price.emplace());
  r.read(node, "allow_unpriced", field + ".allow_unpriced", d.allow_unpriced);
  r.read(node, "auto_cache", field + ".auto_cache", d.auto_cache);
  if (traits->local) {
    auto mock = node["mock"];
    if (r.is_map(mock, field + ".mock")) {
      r.only_keys(mock, field + ".mock.", {"reply", "token_delay_ms"});
      r.read(mock, "reply", field + ".mock.reply", d.mock.reply);
      r.read_ms(mock, "token_delay_ms", field + ".mock.token_delay_ms", d.mock.token_delay, 0);
    }
    note_auto_cache_without_effect(r, node, field, d);
    return;
  }
  d.api_base = std::string(traits->default_api_base);
  r.read_secret(node, "api_base", field + ".api_base", d.api_base);
  r.read_secret(node, "api_key", field + ".api_key", d.api_key);
  r.read(node, "api_version", field + ".api_version", d.api_version);
  if (traits->google_oauth) read_vertex(r, node, field, d);
  note_auto_cache_without_effect(r, node, field, d);
  if (traits->aws_sigv4) {
    read_aws_signing(r, node, field, d);
  } else {
    for (const char* key : aws_keys)
      if (node[key].IsDefined())
        r.notice(node[key], field + "." + key, "has no effect for provider " + d.provider);
  }
  if (d.api_base.empty())
    return r.problem(node, field + ".api_base", "is required for " + d.provider);
  if (traits->needs_api_key && !node["api_key"].IsDefined())
    r.problem(node, field + ".api_key", "is required for " + d.provider);
  try {
    d.endpoint = upstream_endpoint::parse(d.api_base);
  } catch (const std::invalid_argument& e) {
    r.problem(node["api_base"], field + ".api_base", e.what());
  }
  r.read(node, "tls_verify", field + ".tls_verify", d.tls_verify);
  apply_tls_verify(r, node["tls_verify"], field + ".tls_verify", d);
}

}  // namespace

void apply_tls_verify(reader& r, const YAML::Node& flag, const std::string& field, deployment& d) {
  if (d.tls_verify || !d.endpoint) return;
  if (d.endpoint->tls)
    d.endpoint->skip_verification();
  else
    r.notice(flag, field, "has no effect for an http:// api_base");
}

namespace {

std::vector<std::string> read_names(reader& r, const YAML::Node& node, const std::string& field) {
  std::vector<std::string> names;
  if (!node.IsDefined() || node.IsNull()) return names;
  if (!node.IsSequence()) {
    r.problem(node, field, "must be a list of model names");
    return names;
  }
  for (const auto& item : node) {
    if (!item.IsScalar())
      r.problem(item, field, "must be a list of model names");
    else
      names.push_back(item.as<std::string>());
  }
  return names;
}

const std::initializer_list<std::string_view> deployment_keys = {"provider",
                                                                 "model",
                                                                 "api_base",
                                                                 "api_key",
                                                                 "api_version",
                                                                 "timeouts",
                                                                 "mock",
                                                                 "weight",
                                                                 "priority",
                                                                 "name",
                                                                 "price",
                                                                 "allow_unpriced",
                                                                 "auto_cache",
                                                                 "rpm",
                                                                 "tpm",
                                                                 "max_parallel",
                                                                 "reasoning",
                                                                 "strict",
                                                                 "responses",
                                                                 "tls_verify",
                                                                 "region",
                                                                 "aws_access_key_id",
                                                                 "aws_secret_access_key",
                                                                 "aws_session_token",
                                                                 "project",
                                                                 "location",
                                                                 "publisher",
                                                                 "credentials_file",
                                                                 "credentials_env",
                                                                 "access_token_env"};
const std::initializer_list<std::string_view> group_keys = {
    "name", "deployments", "strategy", "retries", "fallbacks", "context_window_fallbacks",
    "content_policy_fallbacks", "cache", "max_price",
    // The one-deployment shorthand: a deployment's fields right on the model.
    "provider", "model", "api_base", "api_key", "api_version", "timeouts", "mock", "price",
    "allow_unpriced", "auto_cache", "rpm", "tpm", "max_parallel", "reasoning", "strict",
    "responses", "tls_verify", "region", "aws_access_key_id", "aws_secret_access_key",
    "aws_session_token", "project", "location", "publisher", "credentials_file", "credentials_env",
    "access_token_env"};

void read_group(reader& r, const YAML::Node& node, const std::string& field, model_group& g) {
  r.only_keys(node, field + ".", group_keys);
  r.read(node, "name", field + ".name", g.name);
  if (g.name.empty()) r.problem(node, field + ".name", "is required");
  std::string strategy = "weighted";
  r.read(node, "strategy", field + ".strategy", strategy);
  if (auto it = strategies.find(strategy); it != strategies.end())
    g.strategy = it->second;
  else
    r.problem(node["strategy"], field + ".strategy",
              "must be weighted, least_inflight, lowest_latency, priority or cost");
  g.retries = -1;  // the router's default, filled in later
  r.read(node, "retries", field + ".retries", g.retries);
  if (node["retries"].IsDefined() && (g.retries < 0 || g.retries > 10))
    r.problem(node["retries"], field + ".retries", "must be 0 to 10");
  read_group_cache(r, node, field + ".cache", g.cache);
  if (node["max_price"].IsDefined()) {
    double max_price = -1;
    r.read(node, "max_price", field + ".max_price", max_price);
    if (max_price < 0)
      r.problem(node["max_price"], field + ".max_price", "must be a number of USD, 0 or more");
    else
      g.max_price = max_price;
  }
  g.fallbacks = read_names(r, node["fallbacks"], field + ".fallbacks");
  g.context_window_fallbacks =
      read_names(r, node["context_window_fallbacks"], field + ".context_window_fallbacks");
  g.content_policy_fallbacks =
      read_names(r, node["content_policy_fallbacks"], field + ".content_policy_fallbacks");

  auto list = node["deployments"];
  const bool shorthand = node["provider"].IsDefined();
  if (shorthand == list.IsDefined())
    return r.problem(node, field, "needs either provider (one deployment) or deployments");
  if (shorthand) {
    deployment d;
    d.id = g.name;
    d.model = g.name;
    read_deployment(r, node, field, d);
    g.deployments.push_back(std::move(d));
    return;
  }
  if (!list.IsSequence() || list.size() == 0)
    return r.problem(list, field + ".deployments", "must be a non-empty list");
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string item = field + ".deployments[" + std::to_string(i) + "]";
    if (!list[i].IsMap()) {
      r.problem(list[i], item, "must be a mapping");
      continue;
    }
    r.only_keys(list[i], item + ".", deployment_keys);
    deployment d;
    d.id = g.name + "#" + std::to_string(i);
    r.read(list[i], "name", item + ".name", d.id);
    d.model = g.name;
    read_deployment(r, list[i], item, d);
    g.deployments.push_back(std::move(d));
  }
}

}  // namespace

void check_model_references(reader& r, const YAML::Node& node,
                            const std::vector<model_group>& models) {
  std::set<std::string> names;
  for (const auto& g : models) names.insert(g.name);
  for (std::size_t i = 0; i < models.size(); ++i) {
    const auto& g = models[i];
    std::string field = "models[" + std::to_string(i) + "]";
    for (auto [key, list] : {std::pair{"fallbacks", &g.fallbacks},
                             {"context_window_fallbacks", &g.context_window_fallbacks},
                             {"content_policy_fallbacks", &g.content_policy_fallbacks}}) {
      for (const auto& name : *list) {
        if (name == g.name)
          r.problem(node[i][key], field + "." + key, "a model cannot fall back to itself");
        else if (!names.contains(name))
          r.problem(node[i][key], field + "." + key, "unknown model '" + name + "'");
      }
    }
  }
}

void read_models(reader& r, const YAML::Node& node, std::vector<model_group>& models) {
  if (!node.IsDefined() || !node.IsSequence() || node.size() == 0)
    return r.problem(node, "models", "must be a non-empty list");
  std::set<std::string> names, deployment_ids;
  for (std::size_t i = 0; i < node.size(); ++i) {
    std::string field = "models[" + std::to_string(i) + "]";
    if (!node[i].IsMap()) {
      r.problem(node[i], field, "must be a mapping");
      continue;
    }
    model_group g;
    read_group(r, node[i], field, g);
    if (!g.name.empty() && !names.insert(g.name).second) {
      r.problem(node[i]["name"], field + ".name", "duplicate model name '" + g.name + "'");
    } else {
      for (const auto& d : g.deployments)
        if (!deployment_ids.insert(d.id).second)
          r.problem(node[i], field, "duplicate deployment name '" + d.id + "'");
    }
    models.push_back(std::move(g));
  }
  check_model_references(r, node, models);
}

}  // namespace keygate::config_detail
