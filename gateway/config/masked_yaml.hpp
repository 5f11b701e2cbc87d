// A configuration file as text with every secret in it replaced by "***": the admin API's view of
// the running configuration (docs/admin-api.md, "Configuration").
#pragma once

#include <string>

namespace keygate {

// The YAML file at `path`, re-emitted with the value of every secret-bearing field (API keys, the
// master key, key secrets, AWS credentials, passwords, tokens, and URLs that carry credentials)
// masked. Comments are not kept. Throws std::runtime_error when the file cannot be read or parsed.
std::string masked_config_yaml(const std::string& path);

}  // namespace keygate
