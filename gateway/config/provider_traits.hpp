// What the configuration needs to know of every provider keygate speaks: its name, its default
// base URL and what a deployment of it must or may set. The implementations live in
// gateway/translators/registry.hpp, above the configuration.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace keygate {

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
  // Authenticates with Google OAuth2 (service account or access token) and reads project,
  // location and publisher; "{location}" in default_api_base is the deployment's region.
  bool google_oauth = false;
};

const provider_traits* find_provider_traits(std::string_view name);
// Every provider, in the order the documentation lists them.
const std::vector<provider_traits>& all_provider_traits();
// "a, b, c": for error messages.
std::string provider_names();

}  // namespace keygate
