// Arbitrary YAML through the config loader: a config, or a config_error that names each problem.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gateway/config/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view yaml(reinterpret_cast<const char*>(data), size);
  try {
    (void)keygate::parse_config(yaml, "fuzz.yaml");
  } catch (const keygate::config_error& e) {
    if (e.problems().empty()) std::abort();
    for (const auto& problem : e.problems())
      if (problem.empty()) std::abort();
  }
  return 0;
}
