// The auth, redis, ledger and console sections: virtual keys, teams, limits, budgets, shared
// counters, where the ledger and the console keep their files.
#include <ctime>
#include <map>
#include <set>

#include "gateway/base/key_hash.hpp"
#include "gateway/config/config_reader.hpp"

namespace keygate::config_detail {

namespace {

const std::map<std::string, budget_period> periods{{"daily", budget_period::daily},
                                                   {"weekly", budget_period::weekly},
                                                   {"monthly", budget_period::monthly},
                                                   {"total", budget_period::total}};

void read_budget(reader& r, const YAML::Node& node, const std::string& field,
                 std::optional<budget>& out) {
  if (!r.is_map(node, field)) return;
  r.only_keys(node, field + ".", {"usd", "period"});
  double usd = -1;
  r.read(node, "usd", field + ".usd", usd);
  const auto nanos = budget_nanos(usd);
  if (!nanos) return r.problem(node, field + ".usd", "must be a number from 0 to 9000000000");
  budget b;
  b.limit_nanos = *nanos;
  std::string period = "total";
  r.read(node, "period", field + ".period", period);
  auto it = periods.find(period);
  if (it == periods.end())
    return r.problem(node["period"], field + ".period",
                     "must be one of daily, weekly, monthly, total");
  b.period = it->second;
  out = b;
}

// "2027-01-31" or "2027-01-31T12:00:00Z", always UTC.
std::optional<std::int64_t> parse_utc(const std::string& text) {
  std::tm tm{};
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char tail = 0;
  const int n =
      std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &tail);
  if (n != 3 && !(n == 7 && tail == 'Z')) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

std::vector<std::string> read_model_list(reader& r, const YAML::Node& node,
                                         const std::string& field) {
  std::vector<std::string> names;
  if (!node.IsDefined() || node.IsNull()) return names;
  if (!node.IsSequence()) {
    r.problem(node, field, "must be a list of model names");
    return names;
  }
  for (const auto& item : node) names.push_back(item.as<std::string>());
  return names;
}

void read_key(reader& r, const YAML::Node& node, const std::string& field, virtual_key& k) {
  r.only_keys(node, field + ".",
              {"id", "key", "key_sha256", "alias", "models", "rpm", "tpm", "max_parallel",
               "model_limits", "budget", "expires", "team", "end_user_limits"});
  std::string secret;
  r.read_secret(node, "key", field + ".key", secret);
  r.read(node, "key_sha256", field + ".key_sha256", k.hash);
  if (secret.empty() == k.hash.empty())
    r.problem(node, field, "needs either key (the secret) or key_sha256 (its SHA-256 in hex)");
  if (!secret.empty()) k.hash = sha256_hex(secret);
  if (!k.hash.empty() && !is_sha256_hex(k.hash))
    r.problem(node["key_sha256"], field + ".key_sha256", "must be 64 hexadecimal characters");
  k.id = "cfg-" + k.hash.substr(0, std::min<std::size_t>(k.hash.size(), 12));
  r.read(node, "id", field + ".id", k.id);
  r.read(node, "alias", field + ".alias", k.alias);
  k.models = read_model_list(r, node["models"], field + ".models");
  read_rate_limits(r, node, field, k.limits);
  auto per_model = node["model_limits"];
  if (r.is_map(per_model, field + ".model_limits"))
    for (const auto& kv : per_model) {
      auto name = kv.first.as<std::string>();
      auto where = field + ".model_limits." + name;
      if (!r.is_map(kv.second, where)) continue;
      r.only_keys(kv.second, where + ".", {"rpm", "tpm", "max_parallel"});
      read_rate_limits(r, kv.second, where, k.model_limits[name]);
    }
  read_budget(r, node["budget"], field + ".budget", k.budget);
  auto per_user = node["end_user_limits"];
  if (r.is_map(per_user, field + ".end_user_limits")) {
    const auto where = field + ".end_user_limits";
    r.only_keys(per_user, where + ".", {"rpm", "tpm", "max_parallel", "budget"});
    read_rate_limits(r, per_user, where, k.per_end_user.limits);
    read_budget(r, per_user["budget"], where + ".budget", k.per_end_user.budget);
  }
  std::string expires;
  r.read(node, "expires", field + ".expires", expires);
  if (!expires.empty()) {
    k.expires_ms = parse_utc(expires);
    if (!k.expires_ms)
      r.problem(node["expires"], field + ".expires", "must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
  }
  r.read(node, "team", field + ".team", k.team);
  k.from_config = true;
}

}  // namespace

void read_rate_limits(reader& r, const YAML::Node& node, const std::string& field, rate_limits& l) {
  r.read(node, "rpm", field + ".rpm", l.rpm);
  r.read(node, "tpm", field + ".tpm", l.tpm);
  r.read(node, "max_parallel", field + ".max_parallel", l.max_parallel);
  if (l.rpm < 0) r.problem(node["rpm"], field + ".rpm", "must not be negative");
  if (l.tpm < 0) r.problem(node["tpm"], field + ".tpm", "must not be negative");
  if (l.max_parallel < 0)
    r.problem(node["max_parallel"], field + ".max_parallel", "must not be negative");
}

void read_auth(reader& r, const YAML::Node& node, auth_options& a) {
  if (!r.is_map(node, "auth")) return;
  r.only_keys(node, "auth.", {"master_key", "keys", "teams", "end_user_header"});
  r.read(node, "end_user_header", "auth.end_user_header", a.end_user_header);
  std::string master;
  r.read_secret(node, "master_key", "auth.master_key", master);
  if (!master.empty()) {
    if (master.size() < 16)
      r.problem(node["master_key"], "auth.master_key", "must be at least 16 characters");
    a.master_key_hash = sha256_hex(master);
  }
  auto teams = node["teams"];
  if (teams.IsDefined() && !teams.IsNull() && !teams.IsSequence())
    r.problem(teams, "auth.teams", "must be a list");
  else if (teams.IsDefined() && teams.IsSequence())
    for (std::size_t i = 0; i < teams.size(); ++i) {
      std::string field = "auth.teams[" + std::to_string(i) + "]";
      if (!r.is_map(teams[i], field)) continue;
      r.only_keys(teams[i], field + ".", {"id", "models", "rpm", "tpm", "max_parallel", "budget"});
      team t;
      t.from_config = true;
      r.read(teams[i], "id", field + ".id", t.id);
      t.models = read_model_list(r, teams[i]["models"], field + ".models");
      if (t.id.empty()) r.problem(teams[i], field + ".id", "is required");
      read_rate_limits(r, teams[i], field, t.limits);
      read_budget(r, teams[i]["budget"], field + ".budget", t.budget);
      a.teams.push_back(std::move(t));
    }
  auto keys = node["keys"];
  if (keys.IsDefined() && !keys.IsNull() && !keys.IsSequence())
    return r.problem(keys, "auth.keys", "must be a list");
  if (keys.IsDefined() && keys.IsSequence())
    for (std::size_t i = 0; i < keys.size(); ++i) {
      std::string field = "auth.keys[" + std::to_string(i) + "]";
      if (!r.is_map(keys[i], field)) continue;
      virtual_key k;
      read_key(r, keys[i], field, k);
      a.keys.push_back(std::move(k));
    }
}

void read_redis(reader& r, const YAML::Node& node, redis_options& o) {
  if (!r.is_map(node, "redis")) return;
  r.only_keys(node, "redis.",
              {"host", "port", "password", "database", "timeout_ms", "on_failure", "prefix"});
  r.read(node, "host", "redis.host", o.host);
  if (o.host.empty()) r.problem(node, "redis.host", "is required");
  r.read(node, "port", "redis.port", o.port);
  if (o.port < 1 || o.port > 65535) r.problem(node["port"], "redis.port", "must be 1 to 65535");
  r.read_secret(node, "password", "redis.password", o.password);
  r.read(node, "database", "redis.database", o.database);
  r.read_ms(node, "timeout_ms", "redis.timeout_ms", o.timeout);
  std::string on_failure = "open";
  r.read(node, "on_failure", "redis.on_failure", on_failure);
  if (on_failure != "open" && on_failure != "closed")
    r.problem(node["on_failure"], "redis.on_failure", "must be open or closed");
  o.fail_open = on_failure == "open";
  r.read(node, "prefix", "redis.prefix", o.prefix);
}

namespace {

void read_ledger_postgres(reader& r, const YAML::Node& node, postgres_options& p) {
  if (!r.is_map(node, "ledger.postgres")) return;
  r.only_keys(node, "ledger.postgres.",
              {"url", "host", "port", "dbname", "user", "password_env", "timeout_ms"});
  r.read(node, "url", "ledger.postgres.url", p.url);
  r.read(node, "host", "ledger.postgres.host", p.host);
  r.read(node, "port", "ledger.postgres.port", p.port);
  r.read(node, "dbname", "ledger.postgres.dbname", p.dbname);
  r.read(node, "user", "ledger.postgres.user", p.user);
  r.read_ms(node, "timeout_ms", "ledger.postgres.timeout_ms", p.timeout);
  if (p.url.empty() == p.host.empty())
    r.problem(node, "ledger.postgres", "needs either url or host (not both)");
  if (!p.url.starts_with("postgresql://") && !p.url.starts_with("postgres://") && !p.url.empty())
    r.problem(node["url"], "ledger.postgres.url", "must start with postgresql://");
  // user:password@ in the URL would put the password in the config file and in messages.
  if (auto scheme = p.url.find("://"); scheme != std::string::npos) {
    const auto at = p.url.find('@', scheme);
    if (at != std::string::npos &&
        p.url.substr(scheme + 3, at - scheme - 3).find(':') != std::string::npos)
      r.problem(node["url"], "ledger.postgres.url",
                "must not hold a password; name its environment variable in password_env");
  }
  if (p.port < 1 || p.port > 65535)
    r.problem(node["port"], "ledger.postgres.port", "must be 1 to 65535");
  std::string password_env;
  r.read(node, "password_env", "ledger.postgres.password_env", password_env);
  if (!password_env.empty() && !r.keeps_env_references()) {
    const char* value = std::getenv(password_env.c_str());
    if (!value)
      r.problem(node["password_env"], "ledger.postgres.password_env",
                "environment variable " + password_env + " is not set");
    else
      p.password = value;
  }
}

}  // namespace

void read_ledger(reader& r, const YAML::Node& node, const std::string& config_dir,
                 ledger_settings& l) {
  l.path = config_dir + "/keygate-ledger.db";
  if (node.IsDefined() && node.IsScalar() && !node.as<bool>(true)) {
    l.path.clear();  // ledger: false
    return;
  }
  if (!r.is_map(node, "ledger")) return;
  r.only_keys(node, "ledger.",
              {"path", "enabled", "response_retention_days", "postgres", "on_failure", "spool",
               "retention_days"});
  bool enabled = true;
  r.read(node, "enabled", "ledger.enabled", enabled);
  r.read(node, "path", "ledger.path", l.path);
  r.read(node, "response_retention_days", "ledger.response_retention_days",
         l.response_retention_days);
  if (l.response_retention_days < 1)
    r.problem(node["response_retention_days"], "ledger.response_retention_days",
              "must be 1 or more");
  read_ledger_postgres(r, node["postgres"], l.postgres);
  std::string on_failure = "serve";
  r.read(node, "on_failure", "ledger.on_failure", on_failure);
  if (on_failure != "serve" && on_failure != "refuse")
    r.problem(node["on_failure"], "ledger.on_failure", "must be serve or refuse");
  l.refuse_on_failure = on_failure == "refuse";
  r.read(node, "spool", "ledger.spool", l.spool_path);
  if (!l.spool_path.empty() && !l.spool_path.starts_with('/'))
    l.spool_path = config_dir + "/" + l.spool_path;
  r.read(node, "retention_days", "ledger.retention_days", l.retention_days);
  if (l.retention_days < 0)
    r.problem(node["retention_days"], "ledger.retention_days", "must be 0 (keep) or more");
  if (l.postgres.enabled() && l.spool_path.empty())
    l.spool_path = config_dir + "/keygate-ledger.spool";
  if (!enabled) l.path.clear();
}

void read_console(reader& r, const YAML::Node& node, const std::string& config_dir,
                  console_options& c) {
  c.path = config_dir + "/keygate-console.db";
  if (node.IsDefined() && node.IsScalar() && !node.as<bool>(true)) {
    c.enabled = false;  // console: false
    return;
  }
  if (!r.is_map(node, "console")) return;
  r.only_keys(node, "console.", {"path", "enabled"});
  r.read(node, "enabled", "console.enabled", c.enabled);
  r.read(node, "path", "console.path", c.path);
  if (c.enabled && c.path.empty()) r.problem(node["path"], "console.path", "must not be empty");
}

void check_key_references(reader& r, const YAML::Node& node, const config& cfg) {
  std::set<std::string> teams, ids, hashes;
  for (const auto& t : cfg.auth.teams) {
    if (!teams.insert(t.id).second) r.problem(node["teams"], "auth.teams", "repeats " + t.id);
    for (const auto& m : t.models)
      if (!cfg.find_model(m)) r.problem(node["teams"], "auth.teams", t.id + ": unknown model " + m);
  }
  for (const auto& k : cfg.auth.keys) {
    if (!ids.insert(k.id).second) r.problem(node["keys"], "auth.keys", "repeats the id " + k.id);
    if (!hashes.insert(k.hash).second) r.problem(node["keys"], "auth.keys", "repeats a key");
    if (k.hash == cfg.auth.master_key_hash)
      r.problem(node["keys"], "auth.keys", k.id + " is the master key");
    if (!k.team.empty() && !teams.contains(k.team))
      r.problem(node["keys"], "auth.keys", k.id + ": unknown team " + k.team);
    for (const auto& m : k.models)
      if (!cfg.find_model(m)) r.problem(node["keys"], "auth.keys", k.id + ": unknown model " + m);
  }
}

}  // namespace keygate::config_detail
