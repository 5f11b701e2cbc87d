// Ollama deployments on the fake provider's native API, for the Ollama integration tests.
#pragma once

#include <string>

namespace keygate::testing {

// "FAKE_ROOT" becomes the fake's root: Ollama's paths are /api/chat and /api/embed.
inline std::string ollama_entry(const std::string& name, const std::string& upstream_model,
                                const std::string& extra = "") {
  return "  - name: " + name + "\n    provider: ollama\n    model: \"" + upstream_model +
         "\"\n    api_base: FAKE_ROOT\n" + extra;
}

}  // namespace keygate::testing
