#include "tests/fuzz/fuzz_providers.hpp"

#include <array>
#include <string>

#include "gateway/translators/anthropic/messages_translator.hpp"
#include "gateway/translators/bedrock/converse_translator.hpp"
#include "gateway/translators/cohere/chat_translator.hpp"
#include "gateway/translators/gemini/generate_content_translator.hpp"
#include "gateway/translators/mistral/chat_translator.hpp"
#include "gateway/translators/ollama/chat_translator.hpp"
#include "gateway/translators/openai/passthrough_translator.hpp"

namespace keygate::fuzz {

namespace {

constexpr std::size_t provider_count = 8;

const openai::passthrough_translator openai_wire(openai::openai_dialect::openai);
const openai::passthrough_translator azure_wire(openai::openai_dialect::azure);
const anthropic::messages_translator anthropic_wire;
const gemini::generate_content_translator gemini_wire;
const mistral::chat_translator mistral_wire;
const ollama::chat_translator ollama_wire;
const cohere::chat_translator cohere_wire;
const bedrock::converse_translator bedrock_wire;

deployment make_target(std::string provider, std::string model, std::string api_base,
                       std::string api_version = {}) {
  deployment d;
  d.id = provider;
  d.provider = std::move(provider);
  d.model = std::move(model);
  d.api_base = std::move(api_base);
  d.api_key = "fuzz-provider-key";
  d.api_version = std::move(api_version);
  d.endpoint = upstream_endpoint::parse(d.api_base);
  return d;
}

deployment signed_bedrock_target() {
  deployment d = make_target("bedrock", "anthropic.claude-3-haiku-20240307-v1:0",
                             "https://bedrock-runtime.us-east-1.amazonaws.com");
  d.api_key.clear();  // SigV4 rather than a Bearer key
  d.aws = {"us-east-1", "AKIDEXAMPLE", "fuzz-secret-access-key", ""};
  return d;
}

const std::array<fuzz_provider, provider_count>& providers() {
  static const std::array<fuzz_provider, provider_count> all{{
      {"openai", openai_wire, make_target("openai", "gpt-4o", "https://api.openai.com/v1")},
      {"azure", azure_wire,
       make_target("azure", "gpt-4o", "https://fuzz.openai.azure.com", "2024-10-21")},
      {"anthropic", anthropic_wire,
       make_target("anthropic", "claude-sonnet-4-5", "https://api.anthropic.com/v1")},
      {"gemini", gemini_wire,
       make_target("gemini", "gemini-2.5-flash",
                   "https://generativelanguage.googleapis.com/v1beta")},
      {"mistral", mistral_wire,
       make_target("mistral", "mistral-large-latest", "https://api.mistral.ai/v1")},
      {"ollama", ollama_wire, make_target("ollama", "llama3.2", "http://localhost:11434")},
      {"cohere", cohere_wire,
       make_target("cohere", "command-a-03-2025", "https://api.cohere.com/v2")},
      {"bedrock", bedrock_wire, signed_bedrock_target()},
  }};
  return all;
}

}  // namespace

const fuzz_provider& pick_provider(std::uint8_t selector) {
  const auto& all = providers();
  // Each flag combination gets its own copy of the deployment, made once.
  static std::array<std::array<fuzz_provider, provider_count>, 4> variants = [&] {
    std::array<std::array<fuzz_provider, provider_count>, 4> v{all, all, all, all};
    for (std::size_t flags = 0; flags < 4; ++flags)
      for (auto& p : v[flags]) {
        p.target.reasoning = (flags & 1) != 0;
        p.target.strict = (flags & 2) != 0;
      }
    return v;
  }();
  return variants[selector >> 6][(selector & 0x3f) % all.size()];
}

std::uint8_t selector_of(std::string_view name) {
  const auto& all = providers();
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i].name == name) return static_cast<std::uint8_t>(i);
  return 0;
}

}  // namespace keygate::fuzz
