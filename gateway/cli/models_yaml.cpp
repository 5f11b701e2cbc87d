#include "gateway/cli/models_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include "gateway/config/provider_traits.hpp"
#include "gateway/config/startup_summary.hpp"

namespace keygate::cli {

namespace {

void emit_timeouts(YAML::Emitter& out, const upstream_timeouts& t) {
  const upstream_timeouts defaults;
  if (t.connect == defaults.connect && t.first_byte == defaults.first_byte &&
      t.between_chunks == defaults.between_chunks && t.total == defaults.total)
    return;
  out << YAML::Key << "timeouts" << YAML::Value << YAML::Flow << YAML::BeginMap;
  if (t.connect != defaults.connect)
    out << YAML::Key << "connect_ms" << YAML::Value << t.connect.count();
  if (t.first_byte != defaults.first_byte)
    out << YAML::Key << "first_byte_ms" << YAML::Value << t.first_byte.count();
  if (t.between_chunks != defaults.between_chunks)
    out << YAML::Key << "between_chunks_ms" << YAML::Value << t.between_chunks.count();
  if (t.total != defaults.total) out << YAML::Key << "total_ms" << YAML::Value << t.total.count();
  out << YAML::EndMap;
}

void emit_price(YAML::Emitter& out, const token_prices& p) {
  out << YAML::Key << "price" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "input" << YAML::Value << p.input;
  out << YAML::Key << "output" << YAML::Value << p.output;
  if (p.cached_input) out << YAML::Key << "cached_input" << YAML::Value << *p.cached_input;
  if (p.cache_write) out << YAML::Key << "cache_write" << YAML::Value << *p.cache_write;
  if (p.reasoning) out << YAML::Key << "reasoning" << YAML::Value << *p.reasoning;
  out << YAML::EndMap;
}

// The default api_base as the config reader fills it in: "{region}" is the deployment's region.
std::string default_api_base(const provider_traits& traits, const deployment& d) {
  std::string base(traits.default_api_base);
  if (auto at = base.find("{region}"); at != std::string::npos) base.replace(at, 8, d.aws.region);
  return base;
}

void emit_aws_signing(YAML::Emitter& out, const aws_signing& a) {
  for (auto [key, value] : {std::pair{"region", &a.region},
                            {"aws_access_key_id", &a.access_key_id},
                            {"aws_secret_access_key", &a.secret_access_key},
                            {"aws_session_token", &a.session_token}})
    if (!value->empty()) out << YAML::Key << key << YAML::Value << *value;
}

void emit_deployment(YAML::Emitter& out, const deployment& d) {
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << d.id;
  out << YAML::Key << "provider" << YAML::Value << d.provider;
  out << YAML::Key << "model" << YAML::Value << d.model;
  const auto* traits = find_provider_traits(d.provider);
  if (!traits || d.api_base != default_api_base(*traits, d))
    out << YAML::Key << "api_base" << YAML::Value << d.api_base;
  if (!d.api_key.empty()) out << YAML::Key << "api_key" << YAML::Value << d.api_key;
  emit_aws_signing(out, d.aws);
  if (!d.api_version.empty()) out << YAML::Key << "api_version" << YAML::Value << d.api_version;
  if (d.weight != 1) out << YAML::Key << "weight" << YAML::Value << d.weight;
  if (!d.tls_verify) out << YAML::Key << "tls_verify" << YAML::Value << false;
  if (d.priority != 0) out << YAML::Key << "priority" << YAML::Value << d.priority;
  emit_timeouts(out, d.timeouts);
  if (d.price) emit_price(out, *d.price);
  out << YAML::EndMap;
}

void emit_names(YAML::Emitter& out, const char* key, const std::vector<std::string>& names) {
  if (names.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::Flow << names;
}

void emit_router(YAML::Emitter& out, const router_options& r) {
  const router_options defaults;
  out << YAML::Key << "router" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "retries" << YAML::Value << r.retries;
  if (r.cooldown.failures != defaults.cooldown.failures ||
      r.cooldown.period != defaults.cooldown.period) {
    out << YAML::Key << "cooldown" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "failures" << YAML::Value << r.cooldown.failures;
    out << YAML::Key << "period_ms" << YAML::Value << r.cooldown.period.count();
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

}  // namespace

std::string models_yaml(const config& cfg) {
  YAML::Emitter out;
  out.SetDoublePrecision(12);  // prices converted from per-token carry binary noise past that
  out << YAML::BeginMap;
  emit_router(out, cfg.router);
  out << YAML::Key << "models" << YAML::Value << YAML::BeginSeq;
  for (const auto& g : cfg.models) {
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << g.name;
    const auto strategy = describe_group(g).at("strategy").as_string();
    if (strategy != "weighted")
      out << YAML::Key << "strategy" << YAML::Value << std::string(strategy);
    emit_names(out, "fallbacks", g.fallbacks);
    emit_names(out, "context_window_fallbacks", g.context_window_fallbacks);
    emit_names(out, "content_policy_fallbacks", g.content_policy_fallbacks);
    out << YAML::Key << "deployments" << YAML::Value << YAML::BeginSeq;
    for (const auto& d : g.deployments) emit_deployment(out, d);
    out << YAML::EndSeq << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace keygate::cli
