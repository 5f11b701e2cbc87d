// The server, upstream, log and router sections of the config file.
#include <fstream>
#include <set>

#include "gateway/config/config_reader.hpp"

namespace keygate::config_detail {

namespace {

// Only that both files are there and readable: whether they hold a usable certificate and key is
// for the TLS context to say, when it loads them.
void read_listener_tls(reader& r, const YAML::Node& node, listener_tls& tls) {
  if (!r.is_map(node, "server.tls")) return;
  r.only_keys(node, "server.tls.", {"cert_file", "key_file"});
  r.read(node, "cert_file", "server.tls.cert_file", tls.cert_file);
  r.read(node, "key_file", "server.tls.key_file", tls.key_file);
  auto check = [&](const char* key, const std::string& path) {
    const std::string field = std::string("server.tls.") + key;
    if (path.empty())
      r.problem(node, field, "is required when server.tls is set");
    else if (!std::ifstream(path))
      r.problem(node[key], field, "cannot read " + path);
  };
  check("cert_file", tls.cert_file);
  check("key_file", tls.key_file);
}

}  // namespace

void read_server(reader& r, const YAML::Node& node, server_options& s) {
  if (!r.is_map(node, "server")) return;
  r.only_keys(
      node, "server.",
      {"host", "port", "threads", "limits", "shutdown_grace_ms", "cors_allow_origin", "tls"});
  r.read(node, "host", "server.host", s.host);
  int port = s.port;
  r.read(node, "port", "server.port", port);
  if (port < 0 || port > 65535) r.problem(node["port"], "server.port", "must be 0 to 65535");
  s.port = static_cast<std::uint16_t>(port);
  int threads = static_cast<int>(s.threads);
  r.read(node, "threads", "server.threads", threads);
  if (threads < 0 || threads > 256)
    r.problem(node["threads"], "server.threads", "must be 0 to 256");
  s.threads = static_cast<unsigned>(std::max(threads, 0));
  r.read_ms(node, "shutdown_grace_ms", "server.shutdown_grace_ms", s.shutdown_grace, 0);
  r.read(node, "cors_allow_origin", "server.cors_allow_origin", s.cors_allow_origin);
  read_listener_tls(r, node["tls"], s.tls);

  auto limits = node["limits"];
  if (!r.is_map(limits, "server.limits")) return;
  r.only_keys(limits, "server.limits.",
              {"max_header_bytes", "max_body_bytes", "max_upload_bytes", "header_timeout_ms",
               "idle_timeout_ms", "write_timeout_ms", "max_connections"});
  auto& l = s.limits;
  r.read(limits, "max_header_bytes", "server.limits.max_header_bytes", l.max_header_bytes);
  r.read(limits, "max_body_bytes", "server.limits.max_body_bytes", l.max_body_bytes);
  r.read(limits, "max_upload_bytes", "server.limits.max_upload_bytes", l.max_upload_bytes);
  r.read(limits, "max_connections", "server.limits.max_connections", l.max_connections);
  r.read_ms(limits, "header_timeout_ms", "server.limits.header_timeout_ms", l.header_timeout);
  r.read_ms(limits, "idle_timeout_ms", "server.limits.idle_timeout_ms", l.idle_timeout);
  r.read_ms(limits, "write_timeout_ms", "server.limits.write_timeout_ms", l.write_timeout);
}

void read_upstream(reader& r, const YAML::Node& node, upstream_options& u) {
  if (!r.is_map(node, "upstream")) return;
  r.only_keys(node, "upstream.",
              {"ca_file", "max_idle_per_host", "idle_timeout_ms", "max_response_bytes"});
  r.read(node, "ca_file", "upstream.ca_file", u.ca_file);
  if (!u.ca_file.empty() && !std::ifstream(u.ca_file))
    r.problem(node["ca_file"], "upstream.ca_file", "cannot read " + u.ca_file);
  r.read(node, "max_idle_per_host", "upstream.max_idle_per_host", u.max_idle_per_host);
  r.read_ms(node, "idle_timeout_ms", "upstream.idle_timeout_ms", u.idle_timeout);
  r.read(node, "max_response_bytes", "upstream.max_response_bytes", u.max_response_bytes);
}

void read_log(reader& r, const YAML::Node& node, log_options& l) {
  if (!r.is_map(node, "log")) return;
  r.only_keys(node, "log.", {"level", "access_log", "file"});
  r.read(node, "level", "log.level", l.level);
  static const std::set<std::string> levels{"trace", "debug", "info", "warn", "error", "off"};
  if (!levels.contains(l.level))
    r.problem(node["level"], "log.level", "must be one of trace, debug, info, warn, error, off");
  r.read(node, "access_log", "log.access_log", l.access_log);
  r.read(node, "file", "log.file", l.file);
}

void read_metrics(reader& r, const YAML::Node& node, metrics_options& m) {
  if (!r.is_map(node, "metrics")) return;
  r.only_keys(node, "metrics.", {"enabled", "port", "host", "require_master_key"});
  r.read(node, "enabled", "metrics.enabled", m.enabled);
  if (node["port"].IsDefined() && !node["port"].IsNull()) {
    int port = -1;
    r.read(node, "port", "metrics.port", port);
    if (port < 0 || port > 65535)
      r.problem(node["port"], "metrics.port", "must be 0 to 65535");
    else
      m.port = static_cast<std::uint16_t>(port);
  }
  r.read(node, "host", "metrics.host", m.host);
  if (!m.host.empty() && !m.port)
    r.problem(node["host"], "metrics.host", "needs metrics.port (a separate listener)");
  r.read(node, "require_master_key", "metrics.require_master_key", m.require_master_key);
}

void read_timeouts(reader& r, const YAML::Node& node, const std::string& field,
                   upstream_timeouts& t) {
  if (!r.is_map(node, field)) return;
  r.only_keys(node, field + ".", {"connect_ms", "first_byte_ms", "between_chunks_ms", "total_ms"});
  r.read_ms(node, "connect_ms", field + ".connect_ms", t.connect);
  r.read_ms(node, "first_byte_ms", field + ".first_byte_ms", t.first_byte);
  r.read_ms(node, "between_chunks_ms", field + ".between_chunks_ms", t.between_chunks);
  r.read_ms(node, "total_ms", field + ".total_ms", t.total);
}

void read_router(reader& r, const YAML::Node& node, router_options& o) {
  if (!r.is_map(node, "router")) return;
  r.only_keys(node, "router.",
              {"retries", "backoff_base_ms", "backoff_max_ms", "retry_after_cap_ms",
               "max_request_timeout_ms", "cooldown"});
  r.read(node, "retries", "router.retries", o.retries);
  if (o.retries < 0 || o.retries > 10)
    r.problem(node["retries"], "router.retries", "must be 0 to 10");
  r.read_ms(node, "backoff_base_ms", "router.backoff_base_ms", o.backoff_base, 0);
  r.read_ms(node, "backoff_max_ms", "router.backoff_max_ms", o.backoff_max, 0);
  r.read_ms(node, "retry_after_cap_ms", "router.retry_after_cap_ms", o.retry_after_cap, 0);
  r.read_ms(node, "max_request_timeout_ms", "router.max_request_timeout_ms", o.max_request_timeout);
  auto cooldown = node["cooldown"];
  if (!r.is_map(cooldown, "router.cooldown")) return;
  r.only_keys(cooldown, "router.cooldown.", {"failures", "window_ms", "period_ms"});
  r.read(cooldown, "failures", "router.cooldown.failures", o.cooldown.failures);
  if (o.cooldown.failures < 1)
    r.problem(cooldown["failures"], "router.cooldown.failures", "must be at least 1");
  r.read_ms(cooldown, "window_ms", "router.cooldown.window_ms", o.cooldown.window);
  r.read_ms(cooldown, "period_ms", "router.cooldown.period_ms", o.cooldown.period);
}

}  // namespace keygate::config_detail
