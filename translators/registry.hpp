// Every provider keygate knows: its config-time traits and its runtime implementation.
#pragma once

#include <string>
#include <string_view>

namespace keygate {

class provider;

struct provider_traits {
  std::string_view name;
  std::string_view default_api_base;  // empty: the config must give one
  bool needs_api_key = true;
  bool local = false;  // answers in-process; no upstream
  // Honours a deployment's `reasoning: true` (thinking switch up, reasoning_content back).
  bool reasoning = false;
  // Signs with AWS SigV4: reads region and AWS credentials (config or the standard AWS
  // environment variables); "{region}" in default_api_base is the deployment's region.
  bool aws_sigv4 = false;
};

const provider_traits* find_provider_traits(std::string_view name);
// The implementation for a name that find_provider_traits knows.
const provider& provider_for(std::string_view name);
// "a, b, c": for error messages.
std::string provider_names();

}  // namespace keygate
