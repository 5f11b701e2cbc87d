#include "gateway/cli/import_litellm_command.hpp"

#include <cctype>
#include <fstream>
#include <iostream>
#include <sstream>

#include "gateway/cli/models_yaml.hpp"
#include "gateway/config/config_reader.hpp"

namespace keygate::cli {

namespace {

constexpr std::string_view import_usage =
    "usage: keygate import-litellm LITELLM_CONFIG [KEYGATE_CONFIG]\n";

std::string env_name_for(const deployment& d) {
  std::string name = "KEYGATE_KEY_" + d.id;
  for (auto& c : name)
    c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(c)) : '_';
  return name;
}

void replace_literal(std::string& secret, const std::string& variable, std::string_view field,
                     const deployment& d, std::vector<std::string>& report) {
  if (secret.empty() || secret.find("${") != std::string::npos) return;
  secret = "${" + variable + "}";
  report.push_back("deployment " + d.id + ": " + std::string(field) +
                   " was written in the file; the output reads " + secret +
                   " instead: set that variable");
}

// A key written in the file itself is not copied anywhere: the output names a variable instead.
void replace_literal_keys(config& cfg, std::vector<std::string>& report) {
  for (auto& g : cfg.models)
    for (auto& d : g.deployments) {
      const std::string variable = env_name_for(d);
      replace_literal(d.api_key, variable, "api_key", d, report);
      replace_literal(d.aws.secret_access_key, variable + "_AWS_SECRET_ACCESS_KEY",
                      "aws_secret_access_key", d, report);
      replace_literal(d.aws.session_token, variable + "_AWS_SESSION_TOKEN", "aws_session_token", d,
                      report);
    }
}

}  // namespace

int run_import_litellm(int argc, char** argv) {
  if (argc < 1 || argc > 2) {
    std::cerr << import_usage;
    return 2;
  }
  const std::string in_path = argv[0];
  std::ifstream in(in_path);
  if (!in) {
    std::cerr << in_path << ": cannot open the file\n";
    return 1;
  }
  std::stringstream text;
  text << in.rdbuf();
  YAML::Node root;
  try {
    root = YAML::Load(text.str());
  } catch (const YAML::ParserException& e) {
    std::cerr << in_path << ":" << e.mark.line + 1 << ": " << e.msg << "\n";
    return 2;
  }
  if (!root.IsMap() || !config_detail::is_litellm_config(root)) {
    std::cerr << in_path << ": not a LiteLLM proxy config (it has no model_list)\n";
    return 2;
  }
  config_detail::reader r(in_path);
  r.keep_env_references();
  config cfg;
  config_detail::read_litellm(r, root, cfg);
  for (const auto& problem : r.problems()) std::cerr << problem << "\n";
  if (!r.problems().empty()) return 2;
  std::vector<std::string> report = r.notices();
  replace_literal_keys(cfg, report);

  const std::string yaml =
      "# Converted by keygate import-litellm from " + in_path + "\n" + models_yaml(cfg);
  if (argc == 2) {
    std::ofstream out(argv[1]);
    if (!(out << yaml)) {
      std::cerr << argv[1] << ": cannot write the file\n";
      return 1;
    }
  } else {
    std::cout << yaml;
  }
  for (const auto& line : report) std::cerr << line << "\n";
  std::cerr << cfg.models.size() << " models converted; " << report.size()
            << " settings without an equivalent or changed (listed above)\n";
  return 0;
}

}  // namespace keygate::cli
