#include "gateway/console/model_capabilities.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace keygate::console {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool has_any(const std::string& name, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return name.find(w) != std::string::npos; });
}

// A model family that reads images, by the name providers give it.
bool reads_images(const std::string& name) {
  if (has_any(name, {"embed", "audio", "tts", "whisper", "transcribe", "realtime"})) return false;
  if (has_any(name, {"gpt-3.5", "o1-mini", "o3-mini", "mistral-large", "mistral-small-2",
                     "codestral", "mixtral", "llama-3.1", "llama3.1", "llama-3.3", "llama3.3",
                     "deepseek", "qwen2.5-coder"}))
    return false;
  return has_any(name, {"vision",
                        "gpt-4o",
                        "gpt-4.1",
                        "gpt-4-turbo",
                        "gpt-4.5",
                        "gpt-5",
                        "o1",
                        "o3",
                        "o4",
                        "claude-3",
                        "claude-sonnet",
                        "claude-opus",
                        "claude-haiku",
                        "claude-4",
                        "gemini",
                        "gemma-3",
                        "gemma3",
                        "llava",
                        "pixtral",
                        "mistral-medium",
                        "mistral-small",
                        "llama-4",
                        "llama4",
                        "qwen-vl",
                        "qwen2.5-vl",
                        "qwen2-vl",
                        "nova-pro",
                        "nova-lite",
                        "grok-2-vision",
                        "grok-4",
                        "command-a-vision",
                        "minicpm-v",
                        "moondream"});
}

bool thinks(const std::string& name) {
  return has_any(name, {"o1", "o3", "o4", "deepseek-r1", "reasoner", "thinking", "qwq", "magistral",
                        "gpt-5", "grok-3-mini", "grok-4"});
}

}  // namespace

model_capabilities capabilities_of(const model_group& group) {
  model_capabilities out;
  out.vision = !group.deployments.empty();
  for (const auto& d : group.deployments) {
    const std::string name = lower(d.model);
    const std::string both = lower(group.name) + " " + name;
    out.embeddings = out.embeddings || has_any(both, {"embed"});
    out.reasoning = out.reasoning || d.reasoning || thinks(name);
    // Every deployment must read images: a request may land on any of them.
    out.vision = out.vision && (reads_images(name) || reads_images(lower(group.name)));
  }
  if (out.embeddings) out.vision = out.reasoning = false;
  return out;
}

}  // namespace keygate::console
