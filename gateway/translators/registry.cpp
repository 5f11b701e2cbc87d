#include "gateway/translators/registry.hpp"

#include <array>
#include <stdexcept>
#include <string_view>

#include "gateway/engine/http_provider.hpp"
#include "gateway/translators/anthropic/messages_translator.hpp"
#include "gateway/translators/bedrock/converse_translator.hpp"
#include "gateway/translators/cohere/chat_translator.hpp"
#include "gateway/translators/gemini/generate_content_translator.hpp"
#include "gateway/translators/mistral/chat_translator.hpp"
#include "gateway/translators/mock/mock_provider.hpp"
#include "gateway/translators/ollama/chat_translator.hpp"
#include "gateway/translators/openai/passthrough_translator.hpp"
#include "gateway/translators/vertex/vertex_provider.hpp"

namespace keygate {

namespace {

struct entry {
  std::string_view name;
  const provider& implementation;
};

// OpenAI itself also serves the Responses API; compatible servers are taken to serve chat only,
// and Azure's Responses addressing is not wired yet (docs/front-doors.md).
const openai::passthrough_translator openai_own_wire(openai::openai_dialect::openai, true);
const http_provider openai_own(openai_own_wire);
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
const vertex::vertex_provider vertex_ai;

const std::array<entry, 19> providers{{
    {"openai", openai_own},
    {"openai_compatible", openai_passthrough},
    {"azure", azure_passthrough},
    {"anthropic", anthropic_messages},
    {"gemini", gemini_generate_content},
    {"mistral", mistral_chat},
    {"cohere", cohere_chat},
    {"bedrock", bedrock_converse},
    {"ollama", ollama_chat},
    {"vertex", vertex_ai},
    {"groq", openai_passthrough},
    {"deepseek", openai_passthrough},
    {"openrouter", openai_passthrough},
    {"xai", openai_passthrough},
    {"together", openai_passthrough},
    {"fireworks", openai_passthrough},
    {"perplexity", openai_passthrough},
    {"ollama_openai", openai_passthrough},
    {"mock", mock},
}};

}  // namespace

const provider& provider_for(std::string_view name) {
  for (const auto& e : providers)
    if (e.name == name) return e.implementation;
  throw std::logic_error("unregistered provider");
}

bool has_provider(std::string_view name) {
  for (const auto& e : providers)
    if (e.name == name) return true;
  return false;
}

}  // namespace keygate
