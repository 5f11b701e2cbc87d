#include "translators/registry.hpp"

#include <array>
#include <stdexcept>

#include "translators/anthropic/messages_translator.hpp"
#include "translators/bedrock/converse_translator.hpp"
#include "translators/cohere/chat_translator.hpp"
#include "translators/gemini/generate_content_translator.hpp"
#include "translators/http_provider.hpp"
#include "translators/mistral/chat_translator.hpp"
#include "translators/mock/mock_provider.hpp"
#include "translators/ollama/chat_translator.hpp"
#include "translators/openai/passthrough_translator.hpp"

namespace keygate {

namespace {

struct entry {
  provider_traits traits;
  const provider& implementation;
};

const openai::passthrough_translator openai_wire(openai::openai_dialect::openai);
const http_provider openai_passthrough(openai_wire);
const anthropic::messages_translator anthropic_wire;
const http_provider anthropic_messages(anthropic_wire);
const gemini::generate_content_translator gemini_wire;
const http_provider gemini_generate_content(gemini_wire);
const bedrock::converse_translator bedrock_wire;
const http_provider bedrock_converse(bedrock_wire);
const mistral::chat_translator mistral_wire;
const http_provider mistral_chat(mistral_wire);
const cohere::chat_translator cohere_wire;
const http_provider cohere_chat(cohere_wire);
const ollama::chat_translator ollama_wire;
const http_provider ollama_chat(ollama_wire);
const openai::passthrough_translator azure_wire(openai::openai_dialect::azure);
const http_provider azure_passthrough(azure_wire);
const mock_provider mock;

// One line per provider.
const std::array<entry, 18> providers{{
    {{"openai", "https://api.openai.com/v1", true, false}, openai_passthrough},
    {{"openai_compatible", "", false, false}, openai_passthrough},
    {{"azure", "", true, false}, azure_passthrough},
    {{"anthropic", "https://api.anthropic.com/v1", true, false, true}, anthropic_messages},
    {{"gemini", "https://generativelanguage.googleapis.com/v1beta", true, false, true},
     gemini_generate_content},
    {{"mistral", "https://api.mistral.ai/v1", true, false, true}, mistral_chat},
    {{"cohere", "https://api.cohere.com/v2", true, false, true}, cohere_chat},
    {{"bedrock", "https://bedrock-runtime.{region}.amazonaws.com", false, false, true, true},
     bedrock_converse},
    {{"ollama", "http://localhost:11434", false, false, true}, ollama_chat},
    // OpenAI-compatible services: the same wire, a known base URL.
    {{"groq", "https://api.groq.com/openai/v1", true, false}, openai_passthrough},
    {{"deepseek", "https://api.deepseek.com/v1", true, false}, openai_passthrough},
    {{"openrouter", "https://openrouter.ai/api/v1", true, false}, openai_passthrough},
    {{"xai", "https://api.x.ai/v1", true, false}, openai_passthrough},
    {{"together", "https://api.together.xyz/v1", true, false}, openai_passthrough},
    {{"fireworks", "https://api.fireworks.ai/inference/v1", true, false}, openai_passthrough},
    {{"perplexity", "https://api.perplexity.ai", true, false}, openai_passthrough},
    {{"ollama_openai", "http://localhost:11434/v1", false, false}, openai_passthrough},
    {{"mock", "", false, true}, mock},
}};

}  // namespace

const provider_traits* find_provider_traits(std::string_view name) {
  for (const auto& e : providers)
    if (e.traits.name == name) return &e.traits;
  return nullptr;
}

const provider& provider_for(std::string_view name) {
  for (const auto& e : providers)
    if (e.traits.name == name) return e.implementation;
  throw std::logic_error("unregistered provider");
}

std::string provider_names() {
  std::string names;
  for (const auto& e : providers) {
    if (!names.empty()) names += ", ";
    names += e.traits.name;
  }
  return names;
}

}  // namespace keygate
