#include "gateway/engine/routing_store.hpp"

namespace keygate {

namespace {

// Settings read once at startup: the listener, the worker threads and the upstream client.
std::vector<std::string> restart_only_changes(const config& before, const config& after) {
  std::vector<std::string> changed;
  const auto& a = before.server;
  const auto& b = after.server;
  if (a.host != b.host || a.port != b.port) changed.emplace_back("server.host/port");
  if (a.threads != b.threads) changed.emplace_back("server.threads");
  if (a.limits.max_connections != b.limits.max_connections ||
      a.limits.max_body_bytes != b.limits.max_body_bytes ||
      a.limits.max_upload_bytes != b.limits.max_upload_bytes ||
      a.limits.max_header_bytes != b.limits.max_header_bytes ||
      a.limits.header_timeout != b.limits.header_timeout ||
      a.limits.idle_timeout != b.limits.idle_timeout ||
      a.limits.write_timeout != b.limits.write_timeout)
    changed.emplace_back("server.limits");
  if (a.cors_allow_origin != b.cors_allow_origin) changed.emplace_back("server.cors_allow_origin");
  const auto& u = before.upstream;
  const auto& v = after.upstream;
  if (u.ca_file != v.ca_file || u.max_idle_per_host != v.max_idle_per_host ||
      u.idle_timeout != v.idle_timeout || u.max_response_bytes != v.max_response_bytes)
    changed.emplace_back("upstream");
  if (before.log.file != after.log.file || before.log.access_log != after.log.access_log)
    changed.emplace_back("log.file/access_log");
  return changed;
}

}  // namespace

routing_store::routing_store(std::shared_ptr<const config> initial, health_registry& health,
                             provider_lookup providers, std::function<void(config&)> adjust)
    : health_(health),
      providers_(providers),
      adjust_(std::move(adjust)),
      table_(std::make_shared<const routing_table>(std::move(initial), health, providers)) {}

routing_store::reload_result routing_store::reload(const std::string& path) {
  reload_result result;
  std::shared_ptr<config> next;
  try {
    next = std::make_shared<config>(load_config_file(path));
    if (adjust_) adjust_(*next);
  } catch (const config_error& e) {
    ++failed_reloads_;
    result.problems = e.problems();
    return result;
  }
  auto before = current();
  result.restart_needed = restart_only_changes(before->cfg(), *next);
  auto table = std::make_shared<const routing_table>(std::move(next), health_, providers_);
  table_.store(std::move(table));
  ++reloads_;
  result.applied = true;
  return result;
}

}  // namespace keygate
