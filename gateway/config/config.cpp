#include "gateway/config/config.hpp"

#include <fstream>
#include <sstream>

#include "gateway/config/config_reader.hpp"

namespace keygate {

using namespace config_detail;

config_error::config_error(std::vector<std::string> problems)
    : std::runtime_error(problems.empty() ? "invalid configuration" : problems.front()),
      problems_(std::move(problems)) {}

const model_group* config::find_model(std::string_view name) const {
  for (const auto& m : models)
    if (m.name == name) return &m;
  return nullptr;
}

namespace {

std::string config_dir_of(const std::string& source) {
  auto slash = source.rfind('/');
  return slash == std::string::npos ? "." : source.substr(0, slash);
}

// Every section of a parsed file into cfg; problems go to r.
void read_sections(reader& r, const YAML::Node& root, const std::string& source_name, config& cfg) {
  if (is_litellm_config(root)) {
    read_litellm(r, root, cfg);
  } else {
    r.only_keys(root, "",
                {"server", "upstream", "log", "metrics", "router", "models", "auth", "redis",
                 "ledger", "images", "console", "cache", "prices"});
    read_server(r, root["server"], cfg.server);
    read_upstream(r, root["upstream"], cfg.upstream);
    read_log(r, root["log"], cfg.log);
    read_metrics(r, root["metrics"], cfg.metrics);
    read_router(r, root["router"], cfg.router);
    read_models(r, root["models"], cfg.models);
    read_auth(r, root["auth"], cfg.auth);
    read_redis(r, root["redis"], cfg.redis);
    read_images(r, root["images"], cfg.images);
    read_response_cache(r, root["cache"], cfg.cache);
    r.read(root, "prices", "prices", cfg.prices_file);
    if (!cfg.prices_file.empty() && cfg.prices_file.front() != '/')
      cfg.prices_file = config_dir_of(source_name) + "/" + cfg.prices_file;
  }
  read_console(r, root["console"], config_dir_of(source_name), cfg.console);
  read_ledger(r, root["ledger"], config_dir_of(source_name), cfg.ledger);
  check_key_references(r, root["auth"], cfg);
  if (cfg.metrics.require_master_key && cfg.auth.master_key_hash.empty())
    r.problem(root["metrics"]["require_master_key"], "metrics.require_master_key",
              "needs auth.master_key");
  for (auto& group : cfg.models)
    if (group.retries < 0) group.retries = cfg.router.retries;
}

}  // namespace

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
  try {
    read_sections(r, root, source_name, cfg);
  } catch (const YAML::Exception& e) {
    // A shape the readers do not expect where they convert a value (a list where a name goes):
    // said like every other problem, never thrown past the loader.
    r.problems().push_back(source_name + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!r.problems().empty()) throw config_error(std::move(r.problems()));
  cfg.notices = std::move(r.notices());
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