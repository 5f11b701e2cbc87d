// What parse_config says is wrong with a config text that must be refused.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gateway/config/config.hpp"

namespace keygate::config_testing {

inline std::vector<std::string> problems_of(const std::string& yaml) {
  try {
    parse_config(yaml, "test.yaml");
  } catch (const config_error& e) {
    return e.problems();
  }
  ADD_FAILURE() << "parse_config accepted:\n" << yaml;
  return {};
}

}  // namespace keygate::config_testing
