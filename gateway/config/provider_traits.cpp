#include "gateway/config/provider_traits.hpp"

namespace keygate {

const std::vector<provider_traits>& all_provider_traits() {
  // name, default base URL, needs an API key, local, reasoning, AWS SigV4, Google OAuth2
  static const std::vector<provider_traits> traits{
      {"openai", "https://api.openai.com/v1", true, false},
      {"openai_compatible", "", false, false},
      {"azure", "", true, false},
      {"anthropic", "https://api.anthropic.com/v1", true, false, true},
      {"gemini", "https://generativelanguage.googleapis.com/v1beta", true, false, true},
      {"mistral", "https://api.mistral.ai/v1", true, false, true},
      {"cohere", "https://api.cohere.com/v2", true, false, true},
      {"bedrock", "https://bedrock-runtime.{region}.amazonaws.com", false, false, true, true},
      {"ollama", "http://localhost:11434", false, false, true},
      {"vertex", "https://{location}-aiplatform.googleapis.com", false, false, true, false, true},
      // OpenAI-compatible services: the same wire, a known base URL.
      {"groq", "https://api.groq.com/openai/v1", true, false},
      {"deepseek", "https://api.deepseek.com/v1", true, false},
      {"openrouter", "https://openrouter.ai/api/v1", true, false},
      {"xai", "https://api.x.ai/v1", true, false},
      {"together", "https://api.together.xyz/v1", true, false},
      {"fireworks", "https://api.fireworks.ai/inference/v1", true, false},
      {"perplexity", "https://api.perplexity.ai", true, false},
      {"ollama_openai", "http://localhost:11434/v1", false, false},
      {"mock", "", false, true},
  };
  return traits;
}

const provider_traits* find_provider_traits(std::string_view name) {
  for (const auto& t : all_provider_traits())
    if (t.name == name) return &t;
  return nullptr;
}

std::string provider_names() {
  std::string names;
  for (const auto& t : all_provider_traits()) {
    if (!names.empty()) names += ", ";
    names += t.name;
  }
  return names;
}

}  // namespace keygate
