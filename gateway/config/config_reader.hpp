// Reads typed YAML fields and collects every problem instead of stopping at the first, each as
// "file:line: field: what is wrong". Internal to the config loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/config/config.hpp"

namespace keygate::config_detail {

// Reads typed fields and collects every problem instead of stopping at the first.
class reader {
 public:
  explicit reader(std::string source) : source_(std::move(source)) {}

  void problem(const YAML::Node& node, std::string_view field, std::string_view what) {
    problems_.push_back(locate(node, field, what));
  }
  // Something the file says that keygate will not do: not fatal, but never silent.
  void notice(const YAML::Node& node, std::string_view field, std::string_view what) {
    notices_.push_back(locate(node, field, what));
  }

  // Complains about keys that are not in `known`: a typo must not be silently ignored.
  void only_keys(const YAML::Node& map, std::string_view where,
                 std::initializer_list<std::string_view> known) {
    if (!map.IsMap()) return;
    for (const auto& kv : map) {
      if (!kv.first.IsScalar()) {  // YAML allows a mapping or a list as a key ("? a: b")
        problem(kv.first, std::string(where), "a key must be a plain name");
        continue;
      }
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
    if (keep_env_references_) {
      out = std::move(raw);
      return;
    }
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

  // Secrets keep their "${NAME}" form instead of being resolved: for converting a config file
  // to another, where the reference must survive and the variable need not be set.
  void keep_env_references() { keep_env_references_ = true; }
  bool keeps_env_references() const { return keep_env_references_; }
  const std::string& source() const { return source_; }

  std::vector<std::string>& problems() { return problems_; }
  std::vector<std::string>& notices() { return notices_; }

 private:
  template <class T>
  static std::string expected_type() {
    if constexpr (std::is_same_v<T, bool>)
      return "must be true or false";
    else if constexpr (std::is_integral_v<T>)
      return "must be a whole number";
    else if constexpr (std::is_floating_point_v<T>)
      return "must be a number";
    else
      return "must be a string";
  }

  std::string locate(const YAML::Node& node, std::string_view field, std::string_view what) const {
    std::ostringstream out;
    out << source_;
    if (node.IsDefined() && node.Mark().line >= 0) out << ":" << node.Mark().line + 1;
    out << ": " << field << ": " << what;
    return out.str();
  }

  std::string source_;
  std::vector<std::string> problems_;
  std::vector<std::string> notices_;
  bool keep_env_references_ = false;
};

// A SigV4 provider's region and credentials, with the AWS environment variables as fallback.
// LiteLLM configs name the region "aws_region_name".
void read_aws_signing(reader& r, const YAML::Node& node, const std::string& field, deployment& d,
                      const char* region_key = "region");
// Vertex AI's project, location, publisher and credentials; composes d.api_base from them.
void read_vertex(reader& r, const YAML::Node& node, const std::string& field, deployment& d);
// Once d.endpoint is parsed: a deployment with tls_verify off gets unverified connections; for an
// http:// api_base the flag at `flag` only earns a notice.
void apply_tls_verify(reader& r, const YAML::Node& flag, const std::string& field, deployment& d);
void read_server(reader& r, const YAML::Node& node, server_options& s);
void read_upstream(reader& r, const YAML::Node& node, upstream_options& u);
void read_metrics(reader& r, const YAML::Node& node, metrics_options& m);
void read_log(reader& r, const YAML::Node& node, log_options& l);
void read_router(reader& r, const YAML::Node& node, router_options& o);
void read_images(reader& r, const YAML::Node& node, image_options& o);
void read_timeouts(reader& r, const YAML::Node& node, const std::string& field,
                   upstream_timeouts& t);
void read_models(reader& r, const YAML::Node& node, std::vector<model_group>& models);
void read_response_cache(reader& r, const YAML::Node& node, response_cache_options& o);
// A model group's `cache:`, `true` or a mapping, on `group`.
void read_group_cache(reader& r, const YAML::Node& group, const std::string& field,
                      group_cache_options& o);
// rpm, tpm and max_parallel, right on `node`.
void read_rate_limits(reader& r, const YAML::Node& node, const std::string& field, rate_limits& l);
void read_auth(reader& r, const YAML::Node& node, auth_options& a);
void read_redis(reader& r, const YAML::Node& node, redis_options& o);
void read_ledger(reader& r, const YAML::Node& node, const std::string& config_dir,
                 ledger_settings& l);
void read_console(reader& r, const YAML::Node& node, const std::string& config_dir,
                  console_options& c);
void check_key_references(reader& r, const YAML::Node& node, const config& cfg);
void check_model_references(reader& r, const YAML::Node& node,
                            const std::vector<model_group>& models);

// A LiteLLM proxy config (model_list, router_settings, litellm_settings, general_settings) read
// as keygate's own; what has no equivalent becomes a notice.
bool is_litellm_config(const YAML::Node& root);
void read_litellm(reader& r, const YAML::Node& root, config& cfg);

}  // namespace keygate::config_detail
