// The top-level `cache:` section and a model group's `cache:`.
#include "gateway/config/config_reader.hpp"

namespace keygate::config_detail {

void read_response_cache(reader& r, const YAML::Node& node, response_cache_options& o) {
  if (!r.is_map(node, "cache")) return;
  r.only_keys(node, "cache.", {"max_bytes"});
  long long max_bytes = static_cast<long long>(o.max_bytes);
  r.read(node, "max_bytes", "cache.max_bytes", max_bytes);
  if (max_bytes < 0) return r.problem(node["max_bytes"], "cache.max_bytes", "must not be negative");
  o.max_bytes = static_cast<std::size_t>(max_bytes);
}

void read_group_cache(reader& r, const YAML::Node& group, const std::string& field,
                      group_cache_options& o) {
  auto node = group["cache"];
  if (!node.IsDefined() || node.IsNull()) return;
  if (node.IsScalar()) return r.read(group, "cache", field, o.enabled);  // cache: true
  if (!r.is_map(node, field)) return;
  r.only_keys(node, field + ".",
              {"enabled", "ttl_seconds", "max_entry_bytes", "any_temperature", "per_key"});
  o.enabled = true;
  r.read(node, "enabled", field + ".enabled", o.enabled);
  long long ttl = o.ttl.count() / 1000;
  r.read(node, "ttl_seconds", field + ".ttl_seconds", ttl);
  if (ttl < 1) r.problem(node["ttl_seconds"], field + ".ttl_seconds", "must be at least 1");
  o.ttl = std::chrono::seconds(ttl);
  long long max_entry = static_cast<long long>(o.max_entry_bytes);
  r.read(node, "max_entry_bytes", field + ".max_entry_bytes", max_entry);
  if (max_entry < 1)
    r.problem(node["max_entry_bytes"], field + ".max_entry_bytes", "must be at least 1");
  o.max_entry_bytes = static_cast<std::size_t>(std::max(1LL, max_entry));
  r.read(node, "any_temperature", field + ".any_temperature", o.any_temperature);
  r.read(node, "per_key", field + ".per_key", o.per_key);
}

}  // namespace keygate::config_detail
