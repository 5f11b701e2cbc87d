// Writes a configuration's models and router settings as keygate YAML, the inverse of the
// config reader for what an imported file can hold. Secrets are written as they are held, so
// callers pass a config whose secrets are "${NAME}" references.
#pragma once

#include <string>

#include "gateway/config/config.hpp"

namespace keygate::cli {

std::string models_yaml(const config& cfg);

}  // namespace keygate::cli
