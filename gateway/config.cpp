#include "gateway/config.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "translators/registry.hpp"

namespace keygate {

namespace {

// Reads typed fields and collects every problem instead of stopping at the first.
class reader {
 public:
  explicit reader(std::string source) : source_(std::move(source)) {}

  void problem(const YAML::Node& node, std::string_view field, std::string_view what) {
    std::ostringstream out;
    out << source_;
    if (node.IsDefined() && node.Mark().line >= 0) out << ":" << node.Mark().line + 1;
    out << ": " << field << ": " << what;
    problems_.push_back(out.str());
  }

  // Complains about keys that are not in `known`: a typo must not be silently ignored.
  void only_keys(const YAML::Node& map, std::string_view where,
                 std::initializer_list<std::string_view> known) {
    if (!map.IsMap()) return;
    for (const auto& kv : map) {
      auto key = kv.first.as<std::string>();
      if (std::find(known.begin(), known.end(), key) == known.end())
        problem(kv.first, std::string(where) + key, "unknown field");
    }
  }

  bool is_map(const YAML::Node& node, std::string_view field) {
    if (!node.IsDefined() || node.IsNull()) return false;
    if (node.IsMap()) return true;
    problem(node, field, "must be a mapping");
    return false;
  }

  template <class T>
  void read(const YAML::Node& parent, const char* key, std::string_view field, T& out) {
    auto node = parent[key];
    if (!node.IsDefined() || node.IsNull()) return;
    if (!node.IsScalar()) return problem(node, field, "must be a single value");
    try {
      out = node.as<T>();
    } catch (const YAML::Exception&) {
      problem(node, field, expected_type<T>());
    }
  }

  void read_ms(const YAML::Node& parent, const char* key, std::string_view field, millis& out,
               long long min = 1) {
    long long value = out.count();
    read(parent, key, field, value);
    if (value < min) return problem(parent[key], field, "must be at least " + std::to_string(min));
    out = millis(value);
  }

  // A string that may name an environment variable: "${NAME}" anywhere in it, or the whole value
  // "os.environ/NAME" (the form LiteLLM configs use).
  void read_secret(const YAML::Node& parent, const char* key, std::string_view field,
                   std::string& out) {
    auto node = parent[key];
    if (!node.IsDefined() || node.IsNull()) return;  // keep the default
    std::string raw;
    read(parent, key, field, raw);
    if (raw.starts_with("os.environ/")) raw = "${" + raw.substr(11) + "}";
    std::string resolved;
    std::size_t pos = 0;
    while (pos < raw.size()) {
      auto open = raw.find("${", pos);
      if (open == std::string::npos) break;
      auto close = raw.find('}', open);
      if (close == std::string::npos) return problem(parent[key], field, "unterminated ${...}");
      resolved.append(raw, pos, open - pos);
      std::string name = raw.substr(open + 2, close - open - 2);
      const char* value = std::getenv(name.c_str());
      if (!value)
        return problem(parent[key], field, "environment variable " + name + " is not set");
      resolved.append(value);
      pos = close + 1;
    }
    resolved.append(raw, std::min(pos, raw.size()));
    out = std::move(resolved);
  }

  std::vector<std::string>& problems() { return problems_; }

 private:
  template <class T>
  static std::string expected_type() {
    if constexpr (std::is_same_v<T, bool>)
      return "must be true or false";
    else if constexpr (std::is_integral_v<T>)
      return "must be a whole number";
    else
      return "must be a string";
  }

  std::string source_;
  std::vector<std::string> problems_;
};

void read_server(reader& r, const YAML::Node& node, server_options& s) {
  if (!r.is_map(node, "server")) return;
  r.only_keys(node, "server.",
              {"host", "port", "threads", "limits", "shutdown_grace_ms", "cors_allow_origin"});
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

  auto limits = node["limits"];
  if (!r.is_map(limits, "server.limits")) return;
  r.only_keys(limits, "server.limits.",
              {"max_header_bytes", "max_body_bytes", "header_timeout_ms", "idle_timeout_ms",
               "write_timeout_ms", "max_connections"});
  auto& l = s.limits;
  r.read(limits, "max_header_bytes", "server.limits.max_header_bytes", l.max_header_bytes);
  r.read(limits, "max_body_bytes", "server.limits.max_body_bytes", l.max_body_bytes);
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

void read_timeouts(reader& r, const YAML::Node& node, const std::string& field,
                   upstream_timeouts& t) {
  if (!r.is_map(node, field)) return;
  r.only_keys(node, field + ".", {"connect_ms", "first_byte_ms", "between_chunks_ms", "total_ms"});
  r.read_ms(node, "connect_ms", field + ".connect_ms", t.connect);
  r.read_ms(node, "first_byte_ms", field + ".first_byte_ms", t.first_byte);
  r.read_ms(node, "between_chunks_ms", field + ".between_chunks_ms", t.between_chunks);
  r.read_ms(node, "total_ms", field + ".total_ms", t.total);
}

void read_model(reader& r, const YAML::Node& node, const std::string& field, model_route& m) {
  r.only_keys(node, field + ".",
              {"name", "provider", "model", "api_base", "api_key", "timeouts", "mock"});
  r.read(node, "name", field + ".name", m.name);
  if (m.name.empty()) r.problem(node, field + ".name", "is required");
  auto& d = m.target;
  r.read(node, "provider", field + ".provider", d.provider);
  const provider_traits* traits = find_provider_traits(d.provider);
  if (d.provider.empty()) return r.problem(node, field + ".provider", "is required");
  if (!traits)
    return r.problem(node["provider"], field + ".provider",
                     "unknown provider '" + d.provider + "' (known: " + provider_names() + ")");
  d.id = m.name + "/" + d.provider;
  d.model = m.name;
  r.read(node, "model", field + ".model", d.model);
  read_timeouts(r, node["timeouts"], field + ".timeouts", d.timeouts);
  if (traits->local) {
    auto mock = node["mock"];
    if (r.is_map(mock, field + ".mock")) {
      r.only_keys(mock, field + ".mock.", {"reply", "token_delay_ms"});
      r.read(mock, "reply", field + ".mock.reply", d.mock.reply);
      r.read_ms(mock, "token_delay_ms", field + ".mock.token_delay_ms", d.mock.token_delay, 0);
    }
    return;
  }
  d.api_base = std::string(traits->default_api_base);
  r.read_secret(node, "api_base", field + ".api_base", d.api_base);
  r.read_secret(node, "api_key", field + ".api_key", d.api_key);
  if (d.api_base.empty()) r.problem(node, field + ".api_base", "is required for " + d.provider);
  if (traits->needs_api_key && d.api_key.empty() && !node["api_key"].IsDefined())
    r.problem(node, field + ".api_key", "is required for " + d.provider);
  if (d.api_base.empty()) return;
  try {
    d.endpoint = upstream_endpoint::parse(d.api_base);
  } catch (const std::invalid_argument& e) {
    r.problem(node["api_base"], field + ".api_base", e.what());
  }
}

}  // namespace

config_error::config_error(std::vector<std::string> problems)
    : std::runtime_error(problems.empty() ? "invalid configuration" : problems.front()),
      problems_(std::move(problems)) {}

const model_route* config::find_model(std::string_view name) const {
  for (const auto& m : models)
    if (m.name == name) return &m;
  return nullptr;
}

config parse_config(std::string_view yaml, const std::string& source_name) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    throw config_error({source_name + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg});
  }
  reader r(source_name);
  config cfg;
  cfg.source = source_name;
  if (!root.IsMap()) throw config_error({source_name + ": the file must hold a mapping"});
  r.only_keys(root, "", {"server", "upstream", "log", "models"});
  read_server(r, root["server"], cfg.server);
  read_upstream(r, root["upstream"], cfg.upstream);
  read_log(r, root["log"], cfg.log);

  auto models = root["models"];
  if (!models.IsDefined() || !models.IsSequence() || models.size() == 0) {
    r.problem(models, "models", "must be a non-empty list");
  } else {
    std::set<std::string> names;
    for (std::size_t i = 0; i < models.size(); ++i) {
      std::string field = "models[" + std::to_string(i) + "]";
      if (!models[i].IsMap()) {
        r.problem(models[i], field, "must be a mapping");
        continue;
      }
      model_route m;
      read_model(r, models[i], field, m);
      if (!m.name.empty() && !names.insert(m.name).second)
        r.problem(models[i]["name"], field + ".name", "duplicate model name '" + m.name + "'");
      cfg.models.push_back(std::move(m));
    }
  }
  if (!r.problems().empty()) throw config_error(std::move(r.problems()));
  return cfg;
}

config load_config_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw config_error({path + ": cannot open the file"});
  std::stringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path);
}

}  // namespace keygate
